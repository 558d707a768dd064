/** Small text helpers shared by the compiler and the command line. */
package dev.orun.core.text;
