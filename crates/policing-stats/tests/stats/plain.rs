//! A plain, independent implementation of the comparison of units against their
//! pooled value (docs/reference/statistics.md sections 1, 2, 4 and 8, steps 1-7),
//! written from the method's statement for tests only: no code of the library is
//! used. Also included by `policing-data`'s and `policing-profile`'s tests.
#![allow(dead_code, reason = "a test: a failure panics with its message")]

/// 1.959963984540054 and 3.090232306167813: the normal quantiles at 0.975 and 0.999.
pub const Z95: f64 = 1.959_963_984_540_054;
/// The normal quantile at 0.999.
pub const Z998: f64 = 3.090_232_306_167_813;

/// What the method gives for a set of units.
#[derive(Debug, Clone)]
pub struct Plain {
    /// Pooled numerator over pooled denominator (or the baseline given).
    pub baseline: f64,
    /// The dispersion ratio.
    pub phi: f64,
    /// The between-unit variance.
    pub tau2: f64,
    /// The units used.
    pub m: usize,
    /// Whether the limits are widened: phi > 1 and tau^2 > 0 (step 5).
    pub widened: bool,
    /// Each unit's widened `(low95, high95, low998, high998)` limits at its own denominator.
    pub limits: Vec<[f64; 4]>,
    /// Each unit's label under the widened limits alone.
    pub widened_labels: Vec<&'static str>,
    /// Each unit's label by chance alone: Byar's interval (exact below 10) and the exact test must agree.
    pub chance_labels: Vec<&'static str>,
    /// Each unit's label: the least extreme of the widened and chance-alone labels
    /// at each level (step 6), the chance-alone label when nothing is widened or
    /// the unit has no events.
    pub labels: Vec<&'static str>,
    /// Each unit's 95% widened interval on its own scale, taken back (step 7), per 1.
    pub widened_intervals: Vec<(f64, f64)>,
    /// Each unit's 95% chance-alone interval (section 2 for rates, Wilson for proportions), per 1.
    pub chance_intervals: Vec<(f64, f64)>,
}

/// `ln Gamma(x)` for x > 0 (Lanczos, g = 7, n = 9), written out for these tests.
pub fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + 7.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// `ln` of the sum of `exp(terms)`.
fn log_sum(terms: impl Iterator<Item = f64>) -> f64 {
    let v: Vec<f64> = terms.collect();
    let m = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if m == f64::NEG_INFINITY {
        return m;
    }
    m + v.iter().map(|t| (t - m).exp()).sum::<f64>().ln()
}

/// The sum of the Poisson(e) probabilities from `start` stepping by `step` (+1 or -1)
/// away from the mode, stopping where the terms no longer count.
fn tail_sum(start: u64, e: f64, up: bool) -> f64 {
    let ln_pmf = |k: u64| k as f64 * e.ln() - e - ln_gamma(k as f64 + 1.0);
    // The terms fall away from the mode, so the first is the largest.
    let first = ln_pmf(start);
    let mut terms = Vec::new();
    let mut k = start;
    loop {
        let t = ln_pmf(k);
        terms.push(t);
        if t < first - 50.0 || (!up && k == 0) {
            break;
        }
        k = if up { k + 1 } else { k - 1 };
    }
    log_sum(terms.into_iter()).exp()
}

/// `P(X <= o)` and `P(X >= o)` for `X ~ Poisson(e)`, `o` a whole number, by
/// summing the terms of the smaller tail away from the mode.
pub fn poisson_tails(o: u64, e: f64) -> (f64, f64) {
    let below = if (o as f64) < e { tail_sum(o, e, false) } else { 1.0 - tail_sum(o + 1, e, true) };
    let above = if o == 0 {
        1.0
    } else if (o as f64) > e {
        tail_sum(o, e, true)
    } else {
        1.0 - tail_sum(o - 1, e, false)
    };
    (below.clamp(0.0, 1.0), above.clamp(0.0, 1.0))
}

/// The quantile of the chi-square distribution with `k` degrees of freedom (even
/// `k` only: the Poisson limits), by bisection on the Poisson tail it equals.
fn chi2_even(p: f64, k: u64) -> f64 {
    // P(chi2_{2n} <= x) = P(Poisson(x / 2) >= n).
    let n = k / 2;
    let (mut lo, mut hi) = (0.0f64, 10.0 + 4.0 * n as f64);
    while poisson_tails(n, hi / 2.0).1 < p {
        hi *= 2.0;
    }
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        if poisson_tails(n, mid / 2.0).1 < p {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    0.5 * (lo + hi)
}

/// Section 2: a count's interval of events (Byar from 10, exact chi-square below).
pub fn byar(o: f64, z: f64, confidence: f64) -> (f64, f64) {
    if o < 10.0 {
        let a = 1.0 - confidence;
        let lower = if o == 0.0 { 0.0 } else { chi2_even(a / 2.0, 2 * o as u64) / 2.0 };
        (lower, chi2_even(1.0 - a / 2.0, 2 * o as u64 + 2) / 2.0)
    } else {
        let o1 = o + 1.0;
        (
            o * (1.0 - 1.0 / (9.0 * o) - z / (3.0 * o.sqrt())).powi(3),
            o1 * (1.0 - 1.0 / (9.0 * o1) + z / (3.0 * o1.sqrt())).powi(3),
        )
    }
}

/// Section 1: Wilson's interval of x of n.
pub fn wilson(x: f64, n: f64, z: f64) -> (f64, f64) {
    let root = z * (z * z + 4.0 * x * (1.0 - x / n)).sqrt();
    ((2.0 * x + z * z - root) / (2.0 * (n + z * z)), (2.0 * x + z * z + root) / (2.0 * (n + z * z)))
}

fn label(high: [bool; 2], low: [bool; 2]) -> &'static str {
    match (high, low) {
        ([_, true], _) => "High (0.001)",
        (_, [_, true]) => "Low (0.001)",
        ([true, _], _) => "High (0.025)",
        (_, [true, _]) => "Low (0.025)",
        _ => "Not significant",
    }
}

/// `scale` is "sqrt", "log" or "arcsine"; `units` are `(numerator, denominator)`.
pub fn plain(scale: &str, units: &[(f64, f64)], trim: f64) -> Plain {
    let total_num: f64 = units.iter().map(|u| u.0).sum();
    let total_den: f64 = units.iter().map(|u| u.1).sum();
    plain_against(scale, units, trim, total_num / total_den)
}

/// As [`plain`], against a baseline given (a pool that holds units not compared).
pub fn plain_against(scale: &str, units: &[(f64, f64)], trim: f64, pooled: f64) -> Plain {
    let proportion = scale == "arcsine";
    // Step 1: each unit's y, s and z.
    let target = match scale {
        "sqrt" => 1.0,
        "log" => 0.0,
        _ => pooled.sqrt().asin(),
    };
    let ys_ss: Vec<(f64, f64)> = units
        .iter()
        .map(|&(num, den)| match scale {
            "sqrt" => {
                let e = den * pooled;
                ((num / e).sqrt(), 0.5 / e.sqrt())
            }
            "log" => {
                let e = den * pooled;
                ((num / e).ln(), 1.0 / e.sqrt())
            }
            _ => ((num / den).sqrt().asin(), 0.5 / den.sqrt()),
        })
        .collect();
    // Units for the estimate: on the log scale those with events.
    let candidates: Vec<(f64, f64)> = units
        .iter()
        .zip(&ys_ss)
        .filter(|((num, _), _)| scale != "log" || *num > 0.0)
        .map(|(_, (y, s))| ((y - target) / s, *s))
        .collect();

    // Step 2: winsorise, or keep the decile groups 1 to 8.
    let n = candidates.len();
    let mut used: Vec<(f64, f64)> = Vec::new();
    if scale == "log" {
        // Average ranks.
        let rank = |z: f64| {
            let below = candidates.iter().filter(|c| c.0 < z).count() as f64;
            let equal = candidates.iter().filter(|c| c.0 == z).count() as f64;
            below + (equal + 1.0) / 2.0
        };
        for &(z, s) in &candidates {
            let keep = if trim == 0.0 {
                true
            } else {
                let k = 1.0 / trim;
                let g = (rank(z) * k / (n as f64 + 1.0)).floor();
                g > 0.0 && g < k - 1.0
            };
            if keep {
                used.push((z, s));
            }
        }
    } else {
        let mut sorted: Vec<f64> = candidates.iter().map(|c| c.0).collect();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let type7 = |p: f64| {
            let pos = (n - 1) as f64 * p;
            let below = pos.floor() as usize;
            let above = (below + 1).min(n - 1);
            sorted[below] + (pos - below as f64) * (sorted[above] - sorted[below])
        };
        let (lo, hi) = (type7(trim), type7(1.0 - trim));
        for &(z, s) in &candidates {
            used.push((z.max(lo).min(hi), s));
        }
    }

    // Step 3: phi and tau^2.
    let m = used.len();
    let mf = m as f64;
    let phi = used.iter().map(|(z, _)| z * z).sum::<f64>() / mf;
    let ws: Vec<f64> = used.iter().map(|(_, s)| 1.0 / (s * s)).collect();
    let sw: f64 = ws.iter().sum();
    let sw2: f64 = ws.iter().map(|w| w * w).sum();
    let tau2 = if mf * phi < mf - 1.0 || m < 2 { 0.0 } else { ((mf * phi - (mf - 1.0)) / (sw - sw2 / sw)).max(0.0) };
    // Step 5.
    let widened = phi > 1.0 && tau2 > 0.0;

    // Step 4: limits at each unit's denominator, taken back to the value's scale.
    let back = |y: f64| -> f64 {
        match scale {
            "sqrt" => {
                if y < 0.0 {
                    0.0
                } else {
                    y * y * pooled
                }
            }
            "log" => y.exp() * pooled,
            _ => {
                let y = y.clamp(0.0, std::f64::consts::PI / 2.0);
                y.sin() * y.sin()
            }
        }
    };
    let mut out = Plain {
        baseline: pooled,
        phi,
        tau2,
        m,
        widened,
        limits: Vec::new(),
        widened_labels: Vec::new(),
        chance_labels: Vec::new(),
        labels: Vec::new(),
        widened_intervals: Vec::new(),
        chance_intervals: Vec::new(),
    };
    for (i, &(num, den)) in units.iter().enumerate() {
        let (y, s) = ys_ss[i];
        let sd = (s * s + tau2).sqrt();
        let l = [back(target - Z95 * sd), back(target + Z95 * sd), back(target - Z998 * sd), back(target + Z998 * sd)];
        let value = num / den;
        let w_high = [value > l[1], value > l[3]];
        let w_low = [value < l[0], value < l[2]];
        // Chance alone at each level.
        let mut c_high = [false; 2];
        let mut c_low = [false; 2];
        let mut chance95 = (0.0, 0.0);
        for (level, (z, confidence)) in [(Z95, 0.95), (Z998, 0.998)].into_iter().enumerate() {
            if proportion {
                let (lo, hi) = wilson(num, den, z);
                c_high[level] = pooled < lo;
                c_low[level] = pooled > hi;
                if level == 0 {
                    chance95 = (lo, hi);
                }
            } else {
                let e = pooled * den;
                let (lo, hi) = byar(num, z, confidence);
                let (below, above) = poisson_tails(num.round() as u64, e);
                let half = (1.0 - confidence) / 2.0;
                c_high[level] = e < lo && above < half;
                c_low[level] = e > hi && below < half;
                if level == 0 {
                    chance95 = (lo / den, hi / den);
                }
            }
        }
        let (high, low) = if widened && num > 0.0 {
            ([w_high[0] && c_high[0], w_high[1] && c_high[1]], [w_low[0] && c_low[0], w_low[1] && c_low[1]])
        } else {
            (c_high, c_low)
        };
        let h = Z95 * sd;
        out.widened_intervals.push((back(y - h), back(y + h)));
        out.chance_intervals.push(chance95);
        out.limits.push(l);
        out.widened_labels.push(label(w_high, w_low));
        out.chance_labels.push(label(c_high, c_low));
        out.labels.push(label(high, low));
    }
    out
}

/// How significant a label is: 0 not, 1 at 95%, 2 at 99.8%.
pub fn level(label: &str) -> u8 {
    match label {
        "High (0.001)" | "Low (0.001)" => 2,
        "High (0.025)" | "Low (0.025)" => 1,
        _ => 0,
    }
}

/// Whether `a` and `b` agree to `digits` significant figures.
pub fn agree(a: f64, b: f64, digits: i32) -> bool {
    if !(a.is_finite() && b.is_finite()) {
        return false;
    }
    if a == b {
        return true;
    }
    let scale = a.abs().max(b.abs());
    (a - b).abs() <= 0.5 * 10f64.powi(1 - digits) * scale
}
