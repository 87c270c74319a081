package org.returnflow.bench;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.text.DecimalFormat;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;

/** The PNG beside the results: p50, p95 and p99 case latency against the arrival rate. */
final class LatencyChart {

    private LatencyChart() {
    }

    static void write(Path file, List<PhaseResult> steps, PhaseResult at70, double knee, Bench.EngineRun engineAtRate)
            throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries p50 = new XYSeries("p50");
        XYSeries p95 = new XYSeries("p95");
        XYSeries p99 = new XYSeries("p99");
        double lowest = Double.MAX_VALUE;
        double highest = 0;
        for (PhaseResult step : steps.stream().sorted(Comparator.comparingDouble(PhaseResult::rate)).toList()) {
            add(p50, step.rate(), step.latency(50));
            add(p95, step.rate(), step.latency(95));
            add(p99, step.rate(), step.latency(99));
            for (double p : new double[]{50, 95, 99}) {
                double v = step.latency(p);
                if (Double.isFinite(v) && v > 0) {
                    lowest = Math.min(lowest, v);
                    highest = Math.max(highest, v);
                }
            }
        }
        data.addSeries(p50);
        data.addSeries(p95);
        data.addSeries(p99);
        XYSeries seventy = new XYSeries("at 70 % of the knee: p50, p95, p99", false, true);
        if (at70 != null) {
            for (double p : new double[]{50, 95, 99}) {
                add(seventy, at70.rate(), at70.latency(p));
            }
        }
        data.addSeries(seventy);
        XYSeries engine = new XYSeries("engine-only at the same rate: p50, p99", false, true);
        if (engineAtRate != null) {
            double rate = engineAtRate.result().path("rate").asDouble();
            add(engine, rate, engineAtRate.latency("p50"));
            add(engine, rate, engineAtRate.latency("p99"));
        }
        data.addSeries(engine);

        NumberAxis x = new NumberAxis("arrival rate (cases/s)");
        x.setAutoRangeIncludesZero(true);
        LogAxis y = new LogAxis("case latency, POST to NOTIFIED (ms)");
        y.setBase(10);
        y.setSmallestValue(1);
        y.setLowerBound(Math.max(1, Math.min(lowest == Double.MAX_VALUE ? 100 : lowest, 100) / 2));
        y.setUpperBound(Math.max(2000, highest * 2));
        y.setTickUnit(new NumberTickUnit(1.0)); // a tick per decade: 10 ms, 100 ms, 1 000 ms, ...
        y.setMinorTickCount(9);
        y.setMinorTickMarksVisible(true);
        y.setNumberFormatOverride(new DecimalFormat("#,##0"));
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        Color[] colors = {new Color(0x1f77b4), new Color(0xff7f0e), new Color(0xd62728), new Color(0x2ca02c), new Color(0x7f7f7f)};
        for (int i = 0; i < colors.length; i++) {
            renderer.setSeriesPaint(i, colors[i]);
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        renderer.setSeriesLinesVisible(3, false);
        renderer.setSeriesLinesVisible(4, false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        ValueMarker limit = new ValueMarker(1000, new Color(0x999999), new BasicStroke(1.5f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[]{6f, 4f}, 0f));
        limit.setLabel("p99 limit, 1 s");
        limit.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        limit.setLabelAnchor(RectangleAnchor.TOP_LEFT);
        limit.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        plot.addRangeMarker(limit);
        if (knee > 0) {
            ValueMarker marker = new ValueMarker(knee, new Color(0x2ca02c), new BasicStroke(1.5f));
            marker.setLabel("knee " + Benchmark.format(knee) + "/s");
            marker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
            marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
            plot.addDomainMarker(marker);
        }
        JFreeChart chart = new JFreeChart("Returnflow W1: case latency against arrival rate",
                new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 560);
    }

    private static void add(XYSeries series, double x, double millis) {
        if (Double.isFinite(millis) && millis > 0) {
            series.add(x, millis);
        }
    }
}
