package io.eddy.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The word splitter of the word-count example. */
class WordCountTopologyTest {

    @Test
    void splitsOnAnythingButLettersAndDigitsAndLowerCasesInTheRootLocale() {
        assertThat(WordCountTopology.words("  Hello, WORLD! abc42 x-y  "))
                .containsExactly("hello", "world", "abc42", "x", "y");
        assertThat(WordCountTopology.words("ÉCOLE école İstanbul Straße"))
                .containsExactly("école", "école", "i̇stanbul", "straße");
        assertThat(WordCountTopology.words("lower case words stay")).containsExactly("lower", "case", "words", "stay");
        assertThat(WordCountTopology.words("")).isEmpty();
        assertThat(WordCountTopology.words("...")).isEmpty();
    }
}
