//! A page's rendered Markdown: made by this build, or kept by the previous
//! one and read back only when its page is rendered again. A rebuild after
//! one edit renders a page or two; the other bodies (some 50 MB at 10,000
//! pages) are not held meanwhile. Pages are hashed by the body's digest.

use crate::kept::Previous;
use std::borrow::Cow;
use std::io;
use std::sync::Arc;

/// A page's rendered Markdown, its digest, and whether it holds highlighted code.
#[derive(Clone)]
pub struct Body {
    html: Html,
    digest: u128,
    has_code: bool,
}

#[derive(Clone)]
enum Html {
    Made(String),
    /// The previous build's record of the page under `key` in `records`,
    /// its HTML from `html_at` on.
    Kept {
        records: Arc<Previous>,
        key: u128,
        html_at: u32,
    },
}

impl Body {
    /// A body this build rendered.
    pub fn made(html: String) -> Body {
        let (digest, has_code) = facts(&html);
        Body {
            html: Html::Made(html),
            digest,
            has_code,
        }
    }

    /// A body the previous build kept under `key` in `records`, its HTML
    /// from `html_at` on, with the digest and code flag kept with it.
    pub(super) fn kept(records: Arc<Previous>, key: u128, html_at: u32, digest: u128, has_code: bool) -> Body {
        Body {
            html: Html::Kept { records, key, html_at },
            digest,
            has_code,
        }
    }

    /// The HTML, read back from the previous build's record when kept there.
    pub fn html(&self) -> io::Result<Cow<'_, str>> {
        match &self.html {
            Html::Made(html) => Ok(Cow::Borrowed(html)),
            Html::Kept { records, key, html_at } => super::memo::kept_html(records, *key, *html_at).map(Cow::Owned),
        }
    }

    /// The hash of the HTML: what a page's inputs take in its place.
    pub fn digest(&self) -> u128 {
        self.digest
    }

    /// Whether the HTML holds highlighted code, so its page links the
    /// highlighting stylesheets.
    pub fn has_code(&self) -> bool {
        self.has_code
    }
}

impl Default for Body {
    fn default() -> Body {
        Body::made(String::new())
    }
}

impl std::fmt::Debug for Body {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kept = matches!(self.html, Html::Kept { .. });
        f.debug_struct("Body")
            .field("digest", &self.digest)
            .field("kept", &kept)
            .finish()
    }
}

/// The digest of `html` and whether it holds highlighted code.
fn facts(html: &str) -> (u128, bool) {
    let has_code = memchr::memmem::find(html.as_bytes(), b"class=\"hl-").is_some();
    (crate::fingerprint::of_bytes(html.as_bytes()), has_code)
}
