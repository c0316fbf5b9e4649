//! A plain, independent implementation of the overdispersion-adjusted funnel
//! (docs/reference/statistics.md section 8, Spiegelhalter 2005), written from
//! the method's statement for tests only: no code of the library is used.
//! Also included by `policing-data`'s tests for the recorded crime check.
#![allow(dead_code)]

/// 1.959963984540054 and 3.090232306167813: the normal quantiles at 0.975 and 0.999.
pub const Z95: f64 = 1.959_963_984_540_054;
/// The normal quantile at 0.999.
pub const Z998: f64 = 3.090_232_306_167_813;

/// What the method gives for a set of units.
#[derive(Debug, Clone)]
pub struct Plain {
    /// Pooled numerator over pooled denominator.
    pub baseline: f64,
    /// The dispersion ratio.
    pub phi: f64,
    /// The between-unit variance.
    pub tau2: f64,
    /// The units used.
    pub m: usize,
    /// Each unit's `(low95, high95, low998, high998)` limits at its own denominator.
    pub limits: Vec<[f64; 4]>,
    /// Each unit's label: "High (0.001)", ..., from its value and its limits.
    pub labels: Vec<&'static str>,
}

/// `scale` is "sqrt", "log" or "arcsine"; `units` are `(numerator, denominator)`.
pub fn plain(scale: &str, units: &[(f64, f64)], trim: f64) -> Plain {
    let total_num: f64 = units.iter().map(|u| u.0).sum();
    let total_den: f64 = units.iter().map(|u| u.1).sum();
    let pooled = total_num / total_den;

    // Step 1: each unit's y, s and z.
    let mut ys = Vec::new();
    let mut ss = Vec::new();
    let target = match scale {
        "sqrt" => 1.0,
        "log" => 0.0,
        _ => pooled.sqrt().asin(),
    };
    for &(num, den) in units {
        let (y, s) = match scale {
            "sqrt" => {
                let expected = den * pooled;
                ((num / expected).sqrt(), 0.5 / expected.sqrt())
            }
            "log" => {
                let expected = den * pooled;
                ((num / expected).ln(), 1.0 / expected.sqrt())
            }
            _ => ((num / den).sqrt().asin(), 0.5 / den.sqrt()),
        };
        ys.push(y);
        ss.push(s);
    }
    let zs: Vec<f64> = ys.iter().zip(&ss).map(|(y, s)| (y - target) / s).collect();

    // Step 2: winsorise, or drop by rank.
    let n = zs.len();
    let mut used: Vec<(f64, f64)> = Vec::new(); // (z, s)
    if scale == "log" {
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|a, b| zs[*a].partial_cmp(&zs[*b]).unwrap());
        let k = (trim * n as f64).floor() as usize;
        for (rank, i) in order.iter().enumerate() {
            if rank >= k && rank < n - k {
                used.push((zs[*i], ss[*i]));
            }
        }
    } else {
        let mut sorted = zs.clone();
        sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let type7 = |p: f64| {
            let pos = (n - 1) as f64 * p;
            let below = pos.floor() as usize;
            let above = (below + 1).min(n - 1);
            sorted[below] + (pos - below as f64) * (sorted[above] - sorted[below])
        };
        let (lo, hi) = (type7(trim), type7(1.0 - trim));
        for i in 0..n {
            let z = if zs[i] < lo {
                lo
            } else if zs[i] > hi {
                hi
            } else {
                zs[i]
            };
            used.push((z, ss[i]));
        }
    }

    // Step 3: phi and tau^2.
    let m = used.len();
    let mf = m as f64;
    let phi = used.iter().map(|(z, _)| z * z).sum::<f64>() / mf;
    let ws: Vec<f64> = used.iter().map(|(_, s)| 1.0 / (s * s)).collect();
    let sw: f64 = ws.iter().sum();
    let sw2: f64 = ws.iter().map(|w| w * w).sum();
    // With one unit used the weights have no spread and tau^2 is not defined: NaN here.
    let tau2 = if mf * phi < mf - 1.0 {
        0.0
    } else if m < 2 {
        f64::NAN
    } else {
        ((mf * phi - (mf - 1.0)) / (sw - sw2 / sw)).max(0.0)
    };

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
    let mut limits = Vec::new();
    let mut labels = Vec::new();
    for (i, &(num, den)) in units.iter().enumerate() {
        let sd = (ss[i] * ss[i] + tau2).sqrt();
        let l = [back(target - Z95 * sd), back(target + Z95 * sd), back(target - Z998 * sd), back(target + Z998 * sd)];
        let value = num / den;
        let label = if value < l[2] {
            "Low (0.001)"
        } else if value < l[0] {
            "Low (0.025)"
        } else if value > l[3] {
            "High (0.001)"
        } else if value > l[1] {
            "High (0.025)"
        } else {
            "Not significant"
        };
        limits.push(l);
        labels.push(label);
    }
    Plain { baseline: pooled, phi, tau2, m, limits, labels }
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
