/** Placeholder package of module streams-dsl; its issue fills it. */
package io.eddy.streams.kstream;
