//! What the site offers other tools beside its pages: the roll-ups as CSV
//! files (`[build] export-csv`) and, when `site-url` is known, a
//! `sitemap.xml`. Both are written with the pages, into the same staging
//! folder, so they are swapped in with the rest of the site or not at all.

mod csv_files;
pub mod site_url;

use crate::site::Site;

/// What to export, from book.toml.
#[derive(Debug, Clone, Default)]
pub struct ExportOptions {
    /// `[build] export-csv`: write the CSV files.
    pub csv: bool,
    /// `[book] site-url`, ending in `/`: where the site is published.
    pub site_url: Option<String>,
}

impl ExportOptions {
    /// The exports book.toml asks for.
    pub fn of(config: &crate::config::Config) -> ExportOptions {
        ExportOptions {
            csv: config.build.export_csv,
            site_url: config.book.site_url.as_deref().map(site_url::base),
        }
    }
}

/// The folder of the CSV files in the site.
pub const CSV_FOLDER: &str = "exports";

/// The CSV files, relative to the site root, in the order the insights overview lists them.
pub const CSV_FILES: [&str; 5] = [
    "exports/pain-points.csv",
    "exports/opportunities.csv",
    "exports/kpis.csv",
    "exports/touchpoint-usages.csv",
    "exports/touchpoint-matrix.csv",
];

/// Writes every export that is asked for through `put` (path relative to the site root, bytes).
pub fn write(site: &Site, pages: &[&str], options: &ExportOptions, put: &mut dyn FnMut(&str, Vec<u8>)) {
    if options.csv {
        for (path, bytes) in csv_files::all(site, options.site_url.as_deref()) {
            put(path, bytes);
        }
    }
    if let Some(base) = options.site_url.as_deref() {
        put("sitemap.xml", sitemap(base, pages).into_bytes());
    }
}

/// Every page's full address, for search engines and intranet crawlers.
/// The 404 page and the search results page are no content of their own.
fn sitemap(base: &str, pages: &[&str]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut pages: Vec<&str> = pages
        .iter()
        .copied()
        .filter(|p| p.ends_with(".html") && *p != "404.html" && *p != "search.html")
        .collect();
    pages.sort_unstable();
    for page in pages {
        let url = site_url::absolute(Some(base), page);
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", crate::highlight::escape(&url)));
    }
    xml.push_str("</urlset>\n");
    xml
}
