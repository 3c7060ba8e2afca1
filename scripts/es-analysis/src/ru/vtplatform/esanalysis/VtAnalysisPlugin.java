package ru.vtplatform.esanalysis;

import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.ngram.EdgeNGramTokenFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.index.analysis.AbstractTokenFilterFactory;
import org.elasticsearch.index.analysis.TokenFilterFactory;
import org.elasticsearch.indices.analysis.AnalysisModule.AnalysisProvider;
import org.elasticsearch.plugins.AnalysisPlugin;
import org.elasticsearch.plugins.Plugin;
import org.tartarus.snowball.ext.RussianStemmer;

/**
 * The two token filters of Elasticsearch's analysis-common module that the site's "full" analysis
 * profile needs ({@code stemmer} for Russian and English, {@code edge_ngram}), for the integ-test
 * distribution of the test stack, which ships without that module.
 *
 * <p>The filters behave as analysis-common's do for the settings the profile uses: the Russian stemmer
 * is Lucene's Snowball one, the English stemmer Porter's, and edge n-grams take min_gram, max_gram and
 * preserve_original. A server that has analysis-common (every production distribution) must not get this
 * plugin: the names would clash. Any other stemmer language is refused, so a mapping that needs more
 * than this subset fails loudly in the tests instead of analysing differently from production.
 */
public class VtAnalysisPlugin extends Plugin implements AnalysisPlugin {

    @Override
    public Map<String, AnalysisProvider<TokenFilterFactory>> getTokenFilters() {
        return Map.of(
            "stemmer", (indexSettings, environment, name, settings) -> new Stemmer(name, settings),
            "edge_ngram", (indexSettings, environment, name, settings) -> new EdgeNGram(name, settings)
        );
    }

    static final class Stemmer extends AbstractTokenFilterFactory {
        private final String language;

        Stemmer(String name, Settings settings) {
            super(name, settings);
            // analysis-common reads "language", then "name", and defaults to Porter's English stemmer.
            language = settings.get("language", settings.get("name", "porter")).toLowerCase(Locale.ROOT);
            if (!Map.of("russian", 1, "light_russian", 1, "english", 1, "porter", 1).containsKey(language)) {
                throw new IllegalArgumentException(
                    "stemmer language [" + language + "] is not in the test stack's analysis subset"
                );
            }
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return switch (language) {
                case "russian" -> new SnowballFilter(tokenStream, new RussianStemmer());
                case "light_russian" -> new RussianLightStemFilter(tokenStream);
                default -> new PorterStemFilter(tokenStream);
            };
        }
    }

    static final class EdgeNGram extends AbstractTokenFilterFactory {
        private final int minGram;
        private final int maxGram;
        private final boolean preserveOriginal;

        EdgeNGram(String name, Settings settings) {
            super(name, settings);
            minGram = settings.getAsInt("min_gram", 1);
            maxGram = settings.getAsInt("max_gram", 2);
            preserveOriginal = settings.getAsBoolean("preserve_original", false);
        }

        @Override
        public TokenStream create(TokenStream tokenStream) {
            return new EdgeNGramTokenFilter(tokenStream, minGram, maxGram, preserveOriginal);
        }

        @Override
        public boolean breaksFastVectorHighlighter() {
            return true;
        }
    }
}
