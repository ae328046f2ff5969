/** Placeholder package of module cli; its issue fills it. */
package io.eddy.cli;
