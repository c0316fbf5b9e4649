//! Value axes: a range fitted to the values, ticks at round numbers, and the
//! precision every value on the chart is printed at.

/// A linear axis: `lo..hi` in data units, ticks at multiples of `step`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub step: f64,
    /// Decimal places of the tick labels, and so of every value printed against this axis.
    pub decimals: usize,
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`.
fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// The decimal places a step needs to be printed exactly (2.5 needs 1, 0.25 needs 2).
fn places_of(step: f64) -> usize {
    for places in 0..=12usize {
        let scaled = step * 10f64.powi(i32::try_from(places).unwrap_or(0));
        if (scaled - scaled.round()).abs() < 1e-6 * scaled.abs().max(1.0) {
            return places;
        }
    }
    12
}

impl Axis {
    /// An axis holding every value (and zero, when `from_zero`), with about
    /// `ticks` ticks at round numbers; the ends are rounded out to a tick.
    pub fn fit(values: impl IntoIterator<Item = f64>, from_zero: bool, ticks: usize) -> Axis {
        let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
        for v in values.into_iter().filter(|v| v.is_finite()) {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        if !lo.is_finite() {
            (lo, hi) = (0.0, 1.0);
        }
        if from_zero {
            lo = lo.min(0.0);
            hi = hi.max(0.0);
        }
        if hi - lo < 1e-12 * hi.abs().max(1.0) {
            let pad = if hi == 0.0 { 1.0 } else { hi.abs() * 0.1 };
            lo -= if from_zero && lo >= 0.0 { 0.0 } else { pad };
            hi += pad;
        }
        let step = nice_step((hi - lo) / ticks.max(2) as f64);
        let lo = (lo / step).floor() * step;
        let hi = (hi / step).ceil() * step;
        Axis { lo, hi, step, decimals: places_of(step) }
    }

    /// The tick values from `lo` to `hi`.
    pub fn ticks(&self) -> Vec<f64> {
        let mut out = Vec::new();
        let mut i = 0u32;
        loop {
            let v = self.lo + f64::from(i) * self.step;
            if v > self.hi + self.step * 1e-9 || i > 1_000 {
                break;
            }
            // Clean the rounding noise of the multiplication.
            let factor = 10f64.powi(i32::try_from(self.decimals).unwrap_or(0) + 2);
            out.push((v * factor).round() / factor);
            i += 1;
        }
        out
    }

    /// Where `v` falls between `lo` (0) and `hi` (1).
    pub fn fraction(&self, v: f64) -> f64 {
        if self.hi > self.lo {
            (v - self.lo) / (self.hi - self.lo)
        } else {
            0.5
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    reason = "a test: a failure panics with its message"
)]
mod tests {
    use super::*;

    #[test]
    fn round_ticks_and_their_places() {
        let a = Axis::fit([42.0, 93.0], false, 6);
        assert_eq!((a.lo, a.hi, a.step, a.decimals), (40.0, 100.0, 10.0, 0));
        assert_eq!(a.ticks(), vec![40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]);
        let b = Axis::fit([0.3, 1.1], true, 5);
        assert_eq!((b.lo, b.step, b.decimals), (0.0, 0.25, 2));
        let c = Axis::fit([5.0, 5.0], true, 5);
        assert!(c.lo <= 5.0 && c.hi >= 5.0);
        let d = Axis::fit(std::iter::empty(), false, 5);
        assert!(d.hi > d.lo);
        assert_eq!(places_of(2.5), 1);
        assert_eq!(places_of(0.002), 3);
    }
}
