/* Unit tests of the value axis' scale (render/chart_scale.c) and of the chart colours
 * (model/chartdata.c). The automatic scales are what LibreOffice 7 drew for the same data
 * (a column chart of the charts sample with these values, converted with soffice
 * --headless --convert-to pdf, its tick labels read with pdftotext); the fixed ones are
 * what the document asks for. */
#include "chart_scale.h"
#include "tap.h"

#include <math.h>
#include <stdio.h>

/* The scale over [lo, hi] as "lo..hi/step", the way a reader checks a tick row. */
static const char *scale(double lo, double hi, const qb_chart_axis *set, int percent, int most)
{
    static char buf[96];
    qb_scale s;
    qb_chart_scale(lo, hi, set, percent, most, &s);
    snprintf(buf, sizeof buf, "%g..%g/%g", s.lo, s.hi, s.step);
    if (fabs((s.hi - s.lo) / s.step - s.steps) > 1e-9) /* steps must count the intervals */
        snprintf(buf, sizeof buf, "%d steps over %g..%g/%g", s.steps, s.lo, s.hi, s.step);
    return buf;
}

static qb_chart_axis fixed(const char *min, const char *max, const char *unit)
{
    qb_chart_axis a = {0};
    qb_chart_axis_fix(&a, QB_CHART_FIX_MIN, min);
    qb_chart_axis_fix(&a, QB_CHART_FIX_MAX, max);
    qb_chart_axis_fix(&a, QB_CHART_FIX_UNIT, unit);
    return a;
}

int main(void)
{
    const int M = QB_SCALE_MAX_STEPS;
    /* automatic axes, as LibreOffice drew them */
    is_str(scale(5, 15, NULL, 0, M), "0..16/2", "5…15: from zero, steps of 2 (the sample's column chart)");
    is_str(scale(1.5, 9.65, NULL, 0, M), "0..12/2", "…9.65: within 1/21 of 10, so one step more, and 2 for at most 10");
    is_str(scale(0.4, 2.8, NULL, 0, M), "0..3/0.5", "0.4…2.8: steps of 0.5");
    is_str(scale(0.2, 0.45, NULL, 0, M), "0..0.5/0.05", "0.2…0.45: steps of 0.05");
    is_str(scale(95, 100, NULL, 0, M), "92..101/1", "95…100: narrow, so half the spread below, one step above");
    is_str(scale(-12, -1, NULL, 0, M), "-14..0/2", "all below zero: the mirror image");
    is_str(scale(-4, 8, NULL, 0, M), "-6..10/2", "both sides of zero");
    is_str(scale(560, 4980, NULL, 0, M), "0..6000/1000", "hundreds to thousands");
    is_str(scale(62, 78, NULL, 0, M), "0..90/10", "62…78: 62 is under 5/6 of 78, so from zero");
    is_str(scale(0.012, 0.031, NULL, 0, M), "0..0.035/0.005", "hundredths");
    is_str(scale(100, 100, NULL, 0, M), "0..120/20", "one value");
    is_str(scale(3, 9.6, NULL, 0, M), "0..12/2", "9.6: one step more");
    is_str(scale(12, 27, NULL, 0, M), "0..30/5", "stacked sums up to 27");
    is_str(scale(0, 0, NULL, 0, M), "0..1/0.1", "all zero: 0 to 1");
    is_str(scale(NAN, NAN, NULL, 0, M), "0..12/2", "no data: LibreOffice's 0 to 10, widened");
    is_str(scale(0, 100, NULL, 1, M), "0..100/10", "a percent axis: 0 to 100%% by 10, never widened");
    /* fewer intervals where fewer labels fit */
    is_str(scale(5, 15, NULL, 0, 4), "0..20/5", "room for 4 intervals: steps of 5");
    is_str(scale(5, 15, NULL, 0, 1), "0..20/10", "room for fewer than 2: still 2 allowed");
    is_str(scale(5, 15, NULL, 0, 99), "0..16/2", "never more than 10");
    /* what the document fixes */
    qb_chart_axis a = fixed("0", "20", "4");
    is_str(scale(7, 15, &a, 0, M), "0..20/4", "c:min 0, c:max 20, c:majorUnit 4");
    a = fixed(NULL, "18", NULL);
    is_str(scale(7, 15, &a, 0, M), "0..18/2", "c:max 18 alone: steps of 2 from zero");
    a = fixed("0", "3.2", "0.8");
    is_str(scale(0.4, 2.8, &a, 0, M), "0..3.2/0.8", "the sample's line chart");
    a = fixed("3", NULL, NULL);
    is_str(scale(5, 15, &a, 0, M), "3..17/2", "c:min 3: ticks from 3");
    a = fixed(NULL, NULL, "0.001");
    is_str(scale(0, 10, &a, 0, M), "0..10.05/0.05", "a unit giving over 500 intervals: the smallest automatic one under 500");
    a = fixed("20", "10", NULL);
    is_str(scale(5, 15, &a, 0, M), "20..40/2", "c:min above c:max: the maximum moves");
    a = fixed(NULL, "0.5", "0.05");
    is_str(scale(0, 100, &a, 1, M), "0..50/5", "a percent axis fixed in fractions: c:max 0.5 is 50%%, c:majorUnit 0.05 is 5%%");
    a = fixed("abc", "1e999", "-1");
    is_int(a.fixed, 0, "bounds that are no numbers, or too large, and a unit not above 0 are not fixed");
    a = fixed(" 5", "1e15", "1e-300");
    is_int(a.fixed, QB_CHART_FIX_MIN | QB_CHART_FIX_MAX | QB_CHART_FIX_UNIT, "…numbers within the bounds are");
    a = fixed(NULL, NULL, "1e-300");
    qb_scale s;
    qb_chart_scale(0, 1e15, &a, 0, M, &s);
    ok(s.steps >= 1 && s.steps <= 500 && s.hi > s.lo, "extreme ranges and units end, with at most 500 intervals");

    /* colours: a point's own, else varied by point (a pie, one series' bars), else the series' */
    long own[3] = {0x112233, -1, -1};
    double v[3] = {1, 2, 3};
    char *cats[3] = {"a", "b", "c"};
    qb_chart_series ser[2] = {{"s", 0xC00000, v, own}, {"t", -1, v, NULL}};
    qb_chart c = {.kind = QB_CHART_PIE, .vary = 1, .cats = cats, .ncat = 3, .ser = ser, .nser = 1};
    is_int(qb_chart_point_rgb(&c, 0, 0), 0x112233, "a slice's own colour (c:dPt)");
    ok(qb_chart_point_rgb(&c, 0, 1) != qb_chart_point_rgb(&c, 0, 2) && qb_chart_point_rgb(&c, 0, 1) != 0xC00000,
       "the others vary by point");
    c.vary = 0;
    is_int(qb_chart_point_rgb(&c, 0, 2), 0xC00000, "varyColors 0: the series' colour");
    c.kind = QB_CHART_COLUMN;
    c.nser = 2;
    c.vary = 1;
    is_int(qb_chart_point_rgb(&c, 0, 2), 0xC00000, "two series of bars do not vary by point");
    ok(qb_chart_point_rgb(&c, 1, 2) == qb_chart_series_rgb(&c, 1) && qb_chart_series_rgb(&c, 1) != 0xC00000,
       "a series without a colour takes the palette's");
    printf("1..%d\n", tap_n);
    return tap_failed != 0;
}
