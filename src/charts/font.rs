//! Finding a system font that has Chinese, at run time. Merit bundles no font: it uses
//! what the system has (fonts-wqy-microhei or Noto CJK on Linux, Microsoft YaHei on
//! Windows, PingFang/Hiragino on macOS), or the file named by `MERIT_CJK_FONT`.
//!
//! plotters' `ab_glyph` backend reads face 0 of a collection (`.ttc`). Face 0 of
//! `wqy-microhei.ttc` and `msyh.ttc` is Simplified Chinese, so they come first; face 0 of
//! `NotoSansCJK-Regular.ttc` is Japanese (still Chinese characters, Japanese glyph
//! shapes), so the Simplified-Chinese-only Noto files are preferred over it.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use plotters::style::FontStyle;

/// The family name charts use; the font found is registered under it. SVG output names
/// it too, so a browser falls back to its own sans-serif, which has Chinese.
pub const FAMILY: &str = "sans-serif";

/// Font files known to hold Simplified Chinese in face 0, best first.
const KNOWN: &[&str] = &[
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/noto-cjk/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJKsc-Regular.otf",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
    "C:\\Windows\\Fonts\\msyh.ttc",
    "C:\\Windows\\Fonts\\simhei.ttf",
    "/System/Library/Fonts/Hiragino Sans GB.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
];

/// File names (lower case) worth taking when found anywhere under a font folder.
const NAMES: &[&str] = &[
    "wqy-microhei.ttc",
    "notosanscjksc-regular.otf",
    "notosanssc-regular.otf",
    "notosanssc-regular.ttf",
    "wqy-zenhei.ttc",
    "notosanscjk-regular.ttc",
];

/// Why charts cannot draw text.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FontError {
    /// No font with Chinese was found.
    #[error(
        "no font with Chinese characters found: install one (Debian/Ubuntu: apt-get install \
         fonts-wqy-microhei) or set MERIT_CJK_FONT to a .ttf/.otf/.ttc file"
    )]
    NotFound,
    /// The file is not a font ab_glyph can read.
    #[error("not a usable font file: {0}")]
    Invalid(PathBuf),
}

/// The font file charts use: `MERIT_CJK_FONT`, a known location, or a search of the
/// usual font folders (by file name, sorted, so the choice is deterministic).
pub fn find_cjk_font() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("MERIT_CJK_FONT").map(PathBuf::from)
        && path.is_file()
    {
        return Some(path);
    }
    if let Some(known) = KNOWN.iter().map(Path::new).find(|p| p.is_file()) {
        return Some(known.to_path_buf());
    }
    let mut roots = vec![
        PathBuf::from("/usr/share/fonts"),
        PathBuf::from("/usr/local/share/fonts"),
    ];
    if let Some(home) = std::env::var_os("HOME") {
        roots.push(Path::new(&home).join(".local/share/fonts"));
        roots.push(Path::new(&home).join(".fonts"));
    }
    let mut found = Vec::new();
    for root in roots {
        collect(&root, 0, &mut found);
    }
    found.sort_by_key(|(rank, path)| (*rank, path.clone()));
    found.into_iter().next().map(|(_, p)| p)
}

/// Files under `dir` (up to 4 levels deep) whose names are in [`NAMES`], with the rank.
fn collect(dir: &Path, depth: u32, found: &mut Vec<(usize, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() && depth < 4 {
            collect(&path, depth + 1, found);
        } else if let Some(name) = path.file_name().and_then(|n| n.to_str()) {
            let lower = name.to_lowercase();
            if let Some(rank) = NAMES.iter().position(|n| *n == lower) {
                found.push((rank, path));
            }
        }
    }
}

static REGISTERED: OnceLock<Result<PathBuf, FontError>> = OnceLock::new();

/// Finds the CJK font and registers it with plotters under [`FAMILY`], once per process.
/// Returns the file used.
pub fn ensure_font() -> Result<PathBuf, FontError> {
    REGISTERED
        .get_or_init(|| {
            let path = find_cjk_font().ok_or(FontError::NotFound)?;
            let bytes = std::fs::read(&path).map_err(|_| FontError::Invalid(path.clone()))?;
            // plotters keeps fonts for the life of the process and wants them 'static.
            let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
            for style in [FontStyle::Normal, FontStyle::Bold] {
                plotters::style::register_font(FAMILY, style, bytes)
                    .map_err(|_| FontError::Invalid(path.clone()))?;
            }
            Ok(path)
        })
        .clone()
}
