//! The live-reload client, added to pages only while serving: it reloads the
//! page after a good rebuild (keeping the scroll position), swaps style
//! sheets in place when only they changed, and shows the problems of a
//! failed rebuild over the page until the next good one.

const SCRIPT: &str = r#"<script id="journeybook-live">
(function () {
  "use strict";
  var key = "journeybook-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  var overlay = null;
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  function show(problems) {
    hide();
    if (!problems.length) return;
    overlay = document.createElement("div");
    overlay.id = "journeybook-problems";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;" +
      "background:#fff;color:#1d2433;border:2px solid #b3261e;border-radius:8px;padding:1rem 1.25rem;" +
      "font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 32px rgba(0,0,0,.3)";
    var title = document.createElement("strong");
    title.textContent = "The last change did not build. The page shows the previous version.";
    overlay.appendChild(title);
    problems.forEach(function (p) {
      var item = document.createElement("pre");
      item.style.cssText = "white-space:pre-wrap;margin:.75rem 0 0";
      item.textContent = p.text;
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
  }
  var events = new EventSource("/__journeybook/events");
  events.addEventListener("reload", function () {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  });
  events.addEventListener("css", function () {
    hide();
    document.querySelectorAll('link[rel="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href);
      url.searchParams.set("journeybook", String(Date.now()));
      link.href = url.toString();
    });
  });
  events.addEventListener("problems", function (e) { show(JSON.parse(e.data)); });
  events.addEventListener("ok", hide);
})();
</script>
"#;

/// The page with the live-reload client before `</body>`, and with a
/// `<base>` when the page is served at another address than its own.
pub(crate) fn inject(page: &[u8], base: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut html = text.into_owned();
    if let Some(base) = base {
        if let Some(at) = html.find("<head>") {
            html.insert_str(at + "<head>".len(), &format!("\n<base href=\"{base}\">"));
        }
    }
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, SCRIPT),
        None => html.push_str(SCRIPT),
    }
    html.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><head></head><body><p>x</p></body></html>", None);
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.contains("<p>x</p><script id=\"journeybook-live\">"));
        assert!(page.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn a_base_is_added_on_request() {
        let page = String::from_utf8(inject(b"<head></head><body></body>", Some("/"))).expect("utf-8");
        assert!(page.starts_with("<head>\n<base href=\"/\">"));
    }
}
