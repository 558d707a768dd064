/** Small text helpers shared by the compiler, the records, the remote client and the command line. */
package dev.orun.core.text;
