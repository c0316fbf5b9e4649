//! The figures as PNG pictures (feature `png`).

use crate::style::{FigureError, Result};

/// Rasterises an SVG figure to PNG bytes with `resvg`, with the system's fonts
/// (the figures ask for a sans-serif face; without any font installed the text
/// is left out, the rest is drawn).
///
/// # Errors
/// [`FigureError::Drawing`] if the SVG cannot be read or the picture not
/// encoded; [`FigureError::TooLarge`] if it is larger than [`crate::MAX_SIDE`]
/// a side or [`crate::MAX_PIXELS`] in all.
pub fn to_png(svg: &str) -> Result<Vec<u8>> {
    let drawing = |e: String| FigureError::Drawing { detail: e };
    let mut options = resvg::usvg::Options::default();
    options.fontdb_mut().load_system_fonts();
    for family in ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"] {
        if options.fontdb.faces().any(|f| f.families.iter().any(|(name, _)| name == family)) {
            options.fontdb_mut().set_sans_serif_family(family);
            break;
        }
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| drawing(e.to_string()))?;
    let size = tree.size().to_int_size();
    // A picture larger than the caps is refused before its pixels are allocated.
    crate::guard::check_size(f64::from(size.width()), f64::from(size.height()), "the SVG")?;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height())
        .ok_or_else(|| drawing(format!("a picture of {} x {} pixels", size.width(), size.height())))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(&tree, resvg::tiny_skia::Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| drawing(e.to_string()))
}
