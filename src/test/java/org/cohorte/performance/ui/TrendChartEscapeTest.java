package org.cohorte.performance.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrendChartEscapeTest {

    @Test
    void escapesMarkupButLeavesAccentedLettersForSvg() {
        assertThat(TrendChart.escape("Délai <b>\"x\" & l'été")).isEqualTo("Délai &lt;b&gt;&quot;x&quot; &amp; l&#39;été");
        assertThat(TrendChart.escape(null)).isEmpty();
    }
}
