//! Placing labels next to their points: on no other label, no point and no
//! axis, inside the plot, crossing as few drawn lines as can be; a label that
//! had to move away from its point gets a leader line back to it.

use crate::text::{text_width, Bounds, ASCENT, DESCENT};

/// What a label must keep off, and what it should rather not cross.
#[derive(Debug, Default)]
pub(crate) struct Obstacles {
    /// Boxes no label or leader line may overlap: texts.
    pub boxes: Vec<Bounds>,
    /// Boxes no label may overlap (a leader line may pass them): points.
    pub points: Vec<Bounds>,
    /// Lines (in pixels, each sorted by x) a label should rather not cross: the funnel's limits.
    pub lines: Vec<Vec<(f64, f64)>>,
    /// Leader lines drawn so far: no label may sit on one.
    pub leaders: Vec<((f64, f64), (f64, f64))>,
}

/// A placed label: its box, where its text's baseline starts, and the leader
/// line from the point to the box, if it moved away.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Placed {
    pub bounds: Bounds,
    pub x: f64,
    pub baseline: f64,
    pub leader: Option<((f64, f64), (f64, f64))>,
}

/// Whether the segment `a`-`b` passes through the box.
fn segment_hits(a: (f64, f64), b: (f64, f64), r: &Bounds) -> bool {
    // Liang-Barsky clipping.
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (p, q) in [(-dx, a.0 - r.x0), (dx, r.x1 - a.0), (-dy, a.1 - r.y0), (dy, r.y1 - a.1)] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// Whether two segments cross (touching ends do not count).
fn segments_cross((a, b): ((f64, f64), (f64, f64)), (c, d): ((f64, f64), (f64, f64))) -> bool {
    let side = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2) = (side(c, d, a), side(c, d, b));
    let (d3, d4) = (side(a, b, c), side(a, b, d));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// The point of `r` nearest to `p`.
fn nearest(r: &Bounds, p: (f64, f64)) -> (f64, f64) {
    (p.0.clamp(r.x0, r.x1), p.1.clamp(r.y0, r.y1))
}

impl Obstacles {
    /// How many lines pass through the box: a line's points from the last
    /// before the box's left edge to the first after its right edge span a
    /// range of heights that meets the box's (the lines are sorted by x).
    fn crossings(&self, r: &Bounds) -> usize {
        self.lines
            .iter()
            .filter(|l| {
                let start = l.partition_point(|p| p.0 < r.x0).saturating_sub(1);
                let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
                for p in l.iter().skip(start) {
                    lo = lo.min(p.1);
                    hi = hi.max(p.1);
                    if p.0 > r.x1 {
                        break;
                    }
                }
                lo <= r.y1 && hi >= r.y0
            })
            .count()
    }

    fn free(&self, r: &Bounds, own: &Bounds) -> bool {
        let padded = r.grown(2.0);
        self.boxes.iter().chain(&self.points).all(|b| b == own || !b.overlaps(&padded, 0.0))
            && self.leaders.iter().all(|(a, b)| !segment_hits(*a, *b, &padded))
    }

    /// Whether a leader from `from` to `to` stays off every text and every other leader.
    fn leader_free(&self, from: (f64, f64), to: (f64, f64)) -> bool {
        self.boxes.iter().all(|b| !segment_hits(from, to, b))
            && self.leaders.iter().all(|(a, b)| !segments_cross((from, to), (*a, *b)))
    }

    /// Places `text` at `size` next to the point `p` (whose own box is `own`),
    /// inside `area`; `None` if no free place is found within `reach` pixels.
    pub fn place(
        &self,
        text: &str,
        size: f64,
        p: (f64, f64),
        own: &Bounds,
        area: &Bounds,
        reach: f64,
    ) -> Option<Placed> {
        let w = text_width(text, size);
        let h = (ASCENT + DESCENT) * size;
        let mut best: Option<(f64, Placed)> = None;
        let mut r = 6.0;
        while r <= reach {
            if best.as_ref().is_some_and(|(score, _)| *score <= r) {
                break;
            }
            for k in 0..16 {
                let angle = f64::from(k) * std::f64::consts::PI / 8.0;
                let (c, s) = (angle.cos(), angle.sin());
                let (dx, dy) = (r * c, r * s);
                let (x0, y0) = (p.0 + dx - lead(c, w), p.1 + dy - lead(s, h));
                let bounds = Bounds::new(x0, y0, x0 + w, y0 + h);
                if !bounds.within(&area.grown(-2.0), 0.0) || !self.free(&bounds, own) {
                    continue;
                }
                let leader = (r > 12.0).then(|| {
                    let to = nearest(&bounds, p);
                    let (lx, ly) = (to.0 - p.0, to.1 - p.1);
                    let len = (lx * lx + ly * ly).sqrt().max(1e-9);
                    let from =
                        (p.0 + lx / len * (own.width() / 2.0 + 1.0), p.1 + ly / len * (own.height() / 2.0 + 1.0));
                    (from, to)
                });
                if let Some((from, to)) = leader {
                    if !self.leader_free(from, to) {
                        continue;
                    }
                }
                let score = r + 15.0 * self.crossings(&bounds) as f64;
                if best.as_ref().is_none_or(|(b, _)| score < *b) {
                    best = Some((score, Placed { bounds, x: x0, baseline: y0 + ASCENT * size, leader }));
                }
            }
            r += if r < 30.0 { 6.0 } else { 12.0 };
        }
        best.map(|(_, p)| p)
    }

    /// Takes in a placed label: its box and its leader.
    pub fn add(&mut self, placed: &Placed) {
        self.boxes.push(placed.bounds);
        if let Some(l) = placed.leader {
            self.leaders.push(l);
        }
    }
}

/// How far a label of `size` starts before the point it is placed at, along an
/// axis whose direction from the anchor has this cosine: after it (0) when the
/// direction is clearly positive, before it (`size`) when clearly negative,
/// centred on it otherwise.
fn lead(direction: f64, size: f64) -> f64 {
    if direction > 0.3 {
        0.0
    } else if direction < -0.3 {
        size
    } else {
        size / 2.0
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

    fn check(points: &[(f64, f64)], area: &Bounds, all_placed: bool) {
        let mut obstacles = Obstacles::default();
        let boxes: Vec<Bounds> = points.iter().map(|(x, y)| Bounds::new(x - 4.0, y - 4.0, x + 4.0, y + 4.0)).collect();
        obstacles.points.extend(boxes.iter().copied());
        let mut placed = Vec::new();
        for (p, own) in points.iter().zip(&boxes) {
            match obstacles.place("Some Constabulary: 54.9", 12.0, *p, own, area, 200.0) {
                Some(label) => {
                    obstacles.add(&label);
                    placed.push(label);
                }
                None => assert!(!all_placed, "no room for {p:?}"),
            }
        }
        for (i, a) in placed.iter().enumerate() {
            assert!(a.bounds.within(area, 0.0));
            assert!(boxes.iter().all(|b| !a.bounds.overlaps(b, 0.0)));
            for b in &placed[i + 1..] {
                assert!(!a.bounds.overlaps(&b.bounds, 0.0), "{a:?} {b:?}");
                if let Some((from, to)) = b.leader {
                    assert!(!segment_hits(from, to, &a.bounds), "a leader crosses a label");
                    if let Some(other) = a.leader {
                        assert!(!segments_cross((from, to), other), "leaders cross");
                    }
                }
            }
        }
        assert!(!placed.is_empty());
    }

    #[test]
    fn labels_keep_off_each_other_and_the_points() {
        // Spread points: every one labelled.
        let spread: Vec<(f64, f64)> =
            (0..12).map(|i| (60.0 + f64::from(i) * 25.0, 60.0 + f64::from(i) * 22.0)).collect();
        check(&spread, &Bounds::new(0.0, 0.0, 640.0, 400.0), true);
        // A tight cluster: as many as there is room for, none overlapping.
        let cluster: Vec<(f64, f64)> =
            (0..12).map(|i| (150.0 + f64::from(i) * 4.0, 150.0 + f64::from(i % 3) * 3.0)).collect();
        check(&cluster, &Bounds::new(0.0, 0.0, 400.0, 300.0), false);
    }

    #[test]
    fn no_room_is_none() {
        let area = Bounds::new(0.0, 0.0, 40.0, 20.0);
        let o = Obstacles::default();
        let own = Bounds::new(18.0, 8.0, 22.0, 12.0);
        assert!(o.place("far too long a label for this", 12.0, (20.0, 10.0), &own, &area, 100.0).is_none());
        assert!(segment_hits((0.0, 0.0), (10.0, 10.0), &Bounds::new(4.0, 4.0, 6.0, 6.0)));
        assert!(!segment_hits((0.0, 10.0), (10.0, 10.0), &Bounds::new(4.0, 4.0, 6.0, 6.0)));
        assert!(segments_cross(((0.0, 0.0), (10.0, 10.0)), ((0.0, 10.0), (10.0, 0.0))));
        assert!(!segments_cross(((0.0, 0.0), (10.0, 0.0)), ((0.0, 5.0), (10.0, 5.0))));
    }
}
