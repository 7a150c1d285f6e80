//! The live-reload client, added to pages only while serving: it reloads the
//! page after a good rebuild (keeping the scroll position), swaps style
//! sheets in place when only they changed, and shows the problems of a
//! failed rebuild over the page until the next good one. Also the page
//! answered while the project has never built: the same overlay, drawn by
//! the server, and the client, which reloads it into the site.

/// The overlay's look, shared by the client and the problem page: light,
/// or dark when the system or the theme's toggle (`data-theme`) says so. A
/// stylesheet rather than inline styles, so it can follow both. Problems
/// are not wrapped: a wrapped source line would move the caret off its word.
const OVERLAY_STYLE: &str = "<style id=\"journeybook-live-style\">\
#journeybook-problems{position:fixed;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;z-index:2147483647;\
background:#fff;color:#1d2433;border:2px solid #b3261e;border-radius:8px;padding:1rem 3rem 1rem 1.25rem;\
font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;box-shadow:0 8px 32px rgba(0,0,0,.3)}\
#journeybook-problems pre{white-space:pre;overflow-x:auto;margin:.75rem 0 0;font:inherit}\
#journeybook-problems .journeybook-dismiss{position:absolute;top:.5rem;right:.5rem;width:2rem;height:2rem;\
border:1px solid currentColor;border-radius:6px;background:transparent;color:inherit;font:18px/1 sans-serif;cursor:pointer}\
#journeybook-problems .journeybook-dismiss:focus-visible{outline:3px solid #b3261e;outline-offset:2px}\
@media (prefers-color-scheme:dark){html:not([data-theme=light]) #journeybook-problems{background:#1b1f27;color:#e6e9ef;border-color:#ff8a80}}\
html[data-theme=dark] #journeybook-problems{background:#1b1f27;color:#e6e9ef;border-color:#ff8a80}\
</style>\n";

/// The overlay's heading while the project has never built.
const UNBUILT_HEADING: &str = "The site did not build. This page turns into the site at the first good build.";

const SCRIPT: &str = concat!(
    r#"<script id="journeybook-live">
(function () {
  "use strict";
  var key = "journeybook-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    var restore = function () { window.scrollTo(0, Number(saved)); };
    if (document.readyState === "complete") restore(); else window.addEventListener("load", restore);
  }
  // The problem page comes with its overlay drawn, and the heading to keep.
  var overlay = document.getElementById("journeybook-problems");
  var heading = (overlay && overlay.getAttribute("data-heading")) ||
    "The last change did not build. The page shows the previous version.";
  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }
  // The problems the writer dismissed: the stream repeats them (on every
  // reconnect), and they stay hidden until they change.
  var dismissed = null;
  function show(problems) {
    hide();
    if (!problems.length || JSON.stringify(problems) === dismissed) return;
    overlay = document.createElement("div");
    overlay.id = "journeybook-problems";
    overlay.setAttribute("role", "alert");
    overlay.setAttribute("data-heading", heading);
    overlay.setAttribute("data-problems", JSON.stringify(problems));
    var title = document.createElement("strong");
    title.textContent = heading;
    overlay.appendChild(title);
    problems.forEach(function (p) {
      var item = document.createElement("pre");
      item.textContent = p.text;
      overlay.appendChild(item);
    });
    document.body.appendChild(overlay);
    wireDismiss();
  }
  // The writer may want to read the page behind: × or Escape hides the
  // overlay until the next build reports again.
  function wireDismiss() {
    if (!overlay || overlay.querySelector(".journeybook-dismiss")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "journeybook-dismiss";
    button.textContent = "\u00d7";
    button.setAttribute("aria-label", ""#,
    r#"Dismiss until the next change"#,
    r#"");
    button.addEventListener("click", dismiss);
    overlay.insertBefore(button, overlay.firstChild);
  }
  function dismiss() {
    var shown = overlay && overlay.getAttribute("data-problems");
    if (shown) dismissed = shown;
    hide();
  }
  wireDismiss();
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && overlay) dismiss();
  });
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
  events.addEventListener("ok", function () { dismissed = null; hide(); });
})();
</script>
"#
);

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
    let client = format!("{OVERLAY_STYLE}{SCRIPT}");
    match html.rfind("</body>") {
        Some(at) => html.insert_str(at, &client),
        None => html.push_str(&client),
    }
    html.into_bytes()
}

/// The page answered at every address while the project has never built:
/// its problems in the overlay, and the client, which reloads the page
/// into the site at the first good build. `problems` are as the terminal
/// shows them.
pub(crate) fn problem_page(problems: &[String]) -> Vec<u8> {
    use crate::highlight::escape;
    let mut html = String::from(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>The site did not build</title>\n</head>\n<body>\n",
    );
    html.push_str(&format!(
        "<div id=\"journeybook-problems\" role=\"alert\" data-heading=\"{heading}\">\n\
         <strong>{heading}</strong>\n",
        heading = escape(UNBUILT_HEADING),
    ));
    for problem in problems {
        html.push_str(&format!("<pre>{}</pre>\n", escape(problem)));
    }
    html.push_str("</div>\n</body>\n</html>\n");
    inject(html.as_bytes(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_goes_before_the_end_of_the_body() {
        let page = inject(b"<html><head></head><body><p>x</p></body></html>", None);
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.contains("<p>x</p><style id=\"journeybook-live-style\">"));
        assert!(page.contains("</style>\n<script id=\"journeybook-live\">"));
        assert!(page.ends_with("</script>\n</body></html>"));
    }

    #[test]
    fn a_base_is_added_on_request() {
        let page = String::from_utf8(inject(b"<head></head><body></body>", Some("/"))).expect("utf-8");
        assert!(page.starts_with("<head>\n<base href=\"/\">"));
    }

    #[test]
    fn the_problem_page_shows_the_overlay_and_loads_the_client() {
        let page = problem_page(&["error: a <b> problem".to_owned()]);
        let page = String::from_utf8(page).expect("utf-8");
        assert!(page.contains("<div id=\"journeybook-problems\" role=\"alert\""));
        assert!(page.contains("error: a &lt;b&gt; problem"));
        assert!(page.contains("<script id=\"journeybook-live\">"));
    }
}
