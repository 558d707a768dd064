/** Progress events the engine emits while a run progresses, and the listener that receives them. */
package dev.orun.core.event;
