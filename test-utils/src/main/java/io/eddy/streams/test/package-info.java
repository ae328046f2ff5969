/** Placeholder package of module test-utils; its issue fills it. */
package io.eddy.streams.test;
