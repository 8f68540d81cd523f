/* chart_scale.h — the value axis of a chart: where it starts and ends and the step of its
 * ticks, chosen as LibreOffice (chart2's ScaleAutomatism) and Word choose them for an
 * automatic axis, the document's c:min, c:max and c:majorUnit kept where it sets them. */
#ifndef QB_CHART_SCALE_H
#define QB_CHART_SCALE_H

#include "chartdata.h"

/* The most and the fewest intervals an automatic axis gets (LibreOffice's bounds). */
#define QB_SCALE_MAX_STEPS 10
#define QB_SCALE_MIN_STEPS 2

typedef struct {
    double lo, hi, step; /* the axis runs lo … hi; ticks at lo + k·step */
    int steps;           /* how many intervals: (hi − lo) / step, at least 1 */
} qb_scale;

/* The scale of a value axis over data from dmin to dmax (NaN or both 0: no data), as the
 * document fixes it (set; NULL: all automatic), with at most max_steps intervals where the
 * step is automatic (clamped to QB_SCALE_MIN_STEPS … QB_SCALE_MAX_STEPS: how many labels
 * fit along the axis). A percent axis (100% stacked) runs 0 … 100 unless fixed; the
 * document fixes it in fractions of the whole (c:max 1 is 100%).
 *   An automatic step is 1, 2 or 5 × 10ⁿ, the smallest that gives at most max_steps
 * intervals; automatic ends are whole steps, zero included when all the data lie on one
 * side of it and the nearer end is under 5/6 of the farther (else the axis starts half
 * the data's spread below them), and one more step where the data come within 1/21 of the
 * axis' length of an end. */
void qb_chart_scale(double dmin, double dmax, const qb_chart_axis *set, int percent, int max_steps, qb_scale *out);

#endif
