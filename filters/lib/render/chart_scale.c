/* chart_scale.c — a chart's value axis as LibreOffice lays an automatic one out
 * (chart_scale.h). The rule, read from LibreOffice's output and its chart2 view code
 * (ScaleAutomatism) and written afresh here: take the data's range; an automatic end on
 * the zero side goes to zero when the data are wide (nearer end under 5/6 of the farther),
 * else half their spread further out; the step is the range over the most intervals that
 * fit, raised to 1, 2 or 5 × 10ⁿ; automatic ends go out to whole steps from the anchor
 * (a fixed end, else zero), and one step further where the data come within 1/21 of the
 * axis' length of that end; while that makes too many intervals, the next larger step. */
#include "chart_scale.h"

#include <math.h>

#define TOO_NEAR (20.0 / 21.0) /* data beyond this share of the axis: one more step */
#define WIDE (5.0 / 6.0)       /* nearer end under this share of the farther: from zero */

/* floor and ceil that take a quotient a rounding error away from a whole number as that
 * number (15 / 0.1 is 149.99999999999997, and is 150 steps). */
static double near_whole(double q)
{
    double r = nearbyint(q);
    return fabs(q - r) <= 1e-9 * (fabs(q) > 1 ? fabs(q) : 1) ? r : q;
}

static double floor_at(double v, double base, double step)
{
    return base + floor(near_whole((v - base) / step)) * step;
}

static double ceil_at(double v, double base, double step)
{
    return base + ceil(near_whole((v - base) / step)) * step;
}

/* The next step of the 1, 2, 5 rhythm above norm × mag (norm 1, 2 or 5). */
static void bigger(double *norm, double *mag)
{
    if (*norm < 1.5)
        *norm = 2;
    else if (*norm < 3.5)
        *norm = 5;
    else {
        *norm = 1;
        *mag *= 10;
    }
}

void qb_chart_scale(double dmin, double dmax, const qb_chart_axis *set, int percent, int max_steps, qb_scale *out)
{
    static const qb_chart_axis automatic;
    qb_chart_axis pct;
    if (!set)
        set = &automatic;
    if (percent) { /* a 100% axis is fixed in fractions of the whole (c:max 1), drawn in per cent */
        pct = *set;
        pct.min *= 100;
        pct.max *= 100;
        pct.unit *= 100;
        set = &pct;
    }
    int amin = !(set->fixed & QB_CHART_FIX_MIN), amax = !(set->fixed & QB_CHART_FIX_MAX);
    int aunit = !(set->fixed & QB_CHART_FIX_UNIT);
    if (!isfinite(dmin) || !isfinite(dmax) || dmin > dmax) { /* no data: LibreOffice's empty axis */
        dmin = 0;
        dmax = 10;
    }
    if (percent) {
        dmin = 0;
        dmax = 100;
    }
    double smin = amin ? dmin : set->min, smax = amax ? dmax : set->max;
    if (smin > smax) { /* fixed ends the wrong way round: move an automatic one, else the maximum */
        if (amax || !amin)
            smax = smin;
        else
            smin = smax;
    }
    /* data all at or below zero: worked as their mirror image above it, mirrored back at the end */
    int mirror = smin < 0 && smax <= 0;
    if (mirror) {
        double t = smin;
        smin = -smax;
        smax = -t;
        int a = amin;
        amin = amax;
        amax = a;
    }
    double tmin = smin, tmax = smax;
    if (amin && tmin > 0) {
        if (tmin == tmax || tmin / tmax < WIDE)
            tmin = 0;
        else
            tmin -= (tmax - tmin) / 2;
    }
    if (tmin == tmax) { /* still no range (a fixed end): make one on the automatic side */
        if (amax || !amin)
            tmax = tmax == 0 ? 1 : tmax * 2;
        else
            tmin = tmin == 0 ? -1 : tmin / 2;
    }
    double base = !amin ? tmin : !amax ? tmax : 0; /* the ticks' anchor */
    if (max_steps < QB_SCALE_MIN_STEPS)
        max_steps = QB_SCALE_MIN_STEPS;
    if (max_steps > QB_SCALE_MAX_STEPS)
        max_steps = QB_SCALE_MAX_STEPS;
    int most = aunit ? max_steps : 500; /* a document's own unit may give up to 500 intervals */
    double step = aunit ? 0 : set->unit, norm = 0, mag = 0, lo = tmin, hi = tmax, n = 0;
    for (int round = 0; round < 400; round++) {
        if (aunit && norm == 0) {
            double raw = (tmax - tmin) / most;
            if (raw <= 1e-300) {
                norm = 1;
                mag = 1e-300;
            } else {
                mag = pow(10, floor(near_whole(log10(raw))));
                norm = raw / mag;
                norm = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
                if (norm == 10) {
                    norm = 1;
                    mag *= 10;
                }
            }
        } else if (aunit) {
            bigger(&norm, &mag);
        }
        if (aunit)
            step = norm * mag;
        lo = tmin;
        hi = tmax;
        if (amin) {
            lo = floor_at(lo, base, step);
            if (!percent && lo != 0 && (hi - smin) / (hi - lo) > TOO_NEAR)
                lo -= step;
        }
        if (amax) {
            hi = ceil_at(hi, base, step);
            if (!percent && hi != 0 && (smax - lo) / (hi - lo) > TOO_NEAR)
                hi += step;
        }
        n = floor(near_whole((hi - lo) / step));
        if (n <= most)
            break;
        aunit = 1; /* too many intervals for the document's unit: an automatic one */
    }
    if (!(hi > lo))
        hi = lo + step;
    out->lo = (mirror ? -hi : lo) + 0.0; /* + 0.0: a mirrored 0 is 0, not -0 */
    out->hi = (mirror ? -lo : hi) + 0.0;
    out->step = step;
    out->steps = n >= 1 && n <= 500 ? (int)n : 1;
}
