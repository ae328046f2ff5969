/** Placeholder package of module runtime; its issue fills it. */
package io.eddy.streams;
