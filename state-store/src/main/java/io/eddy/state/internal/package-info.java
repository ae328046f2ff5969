/**
 * Implementations behind {@code io.eddy.state}: the byte-level stores ({@code RocksDBStore},
 * {@code InMemoryKeyValueStore}), the changelogging, serializing and caching layers, the builders and suppliers, the
 * checkpoint file layout and the value-and-timestamp layout. Not API: other modules use these only through
 * {@code io.eddy.state}, except the runtime and test driver where they need a concrete layer.
 */
package io.eddy.state.internal;
