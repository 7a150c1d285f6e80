//! The preview server over real HTTP: pages served from memory, live-reload
//! events after edits on disk, problems reported while the last good site
//! stays, and requests that try to leave the site refused.

mod common;
#[path = "common/serve.rs"]
mod serve;

use common::Project;
use journeybook::cmd::serve::{Preview, ServeOptions};
use serve::{get, request, start, Events};

#[test]
fn serves_pages_and_reloads_after_edits() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let (status, home) = get(address, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("id=\"journeybook-live\""),
        "the live-reload client is added while serving"
    );
    let (status, glossary) = get(address, "/guides/glossary.html");
    assert_eq!(status, 200);
    assert!(glossary.contains("Words we use"));

    let mut events = Events::open(address);
    let path = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("Words we use", "Words we love")).expect("edit");
    events.wait_for("reload");
    let (_, glossary) = get(address, "/guides/glossary.html");
    assert!(glossary.contains("Words we love"), "the edit is served");

    // Broken: the problem is reported, the last good page is still served.
    std::fs::write(&path, text.replace("[Buy](", "[Buy](missing.md#x) [Old](")).expect("break");
    let problems = events.wait_for("problems");
    let problems: serde_json::Value = serde_json::from_str(&problems).expect("problems are JSON");
    let first = &problems[0];
    assert_eq!(first["file"], "content/guides/glossary.md");
    assert!(first["line"].as_u64().is_some_and(|l| l > 1));
    assert!(first["message"].as_str().unwrap_or_default().contains("missing.md"));
    assert!(first["text"]
        .as_str()
        .unwrap_or_default()
        .contains("--> content/guides/glossary.md:"));
    let (_, status_json) = get(address, "/__journeybook/status");
    assert!(status_json.contains("missing.md"));
    let (status, still) = get(address, "/guides/glossary.html");
    assert_eq!(status, 200);
    assert!(still.contains("Words we love"), "the last good page stays");

    // Fixed: a reload, and no problems left.
    std::fs::write(&path, text).expect("fix");
    events.wait_for("reload");
    let (_, status_json) = get(address, "/__journeybook/status");
    assert_eq!(status_json, "[]");
    let (_, glossary) = get(address, "/guides/glossary.html");
    assert!(glossary.contains("Words we use"));
}

#[test]
fn new_and_deleted_pages_and_changed_styles() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let mut events = Events::open(address);
    project.write("content/guides/fresh.md", "---\ntitle: Fresh\n---\nNew here.\n");
    events.wait_for("reload");
    assert_eq!(get(address, "/guides/fresh.html").0, 200);
    std::fs::remove_file(project.path("content/guides/fresh.md")).expect("delete");
    events.wait_for("reload");
    assert_eq!(get(address, "/guides/fresh.html").0, 404);
    // A theme's style sheet alone: swapped in place, no reload.
    project.write("themes/default/static/journeybook.css", "body { color: teal; }\n");
    events.wait_for("css");
    assert!(get(address, "/journeybook.css").1.contains("teal"));
    // The new themes/ folder is watched from now on.
    project.write("themes/default/static/journeybook.css", "body { color: navy; }\n");
    events.wait_for("css");
    assert!(get(address, "/journeybook.css").1.contains("navy"));
}

#[test]
fn only_get_and_head_inside_the_site() {
    let project = Project::from_fixture("rich");
    std::fs::write(project.tmp.path().join("secret.txt"), "secret").expect("write");
    // A link in content/ to the secret is refused by the build itself, so
    // the preview never serves it: tests/confined_content.rs.
    let address = start(&project);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/guides/..%2f..%2fsecret.txt",
        "/guides/..\\..\\secret.txt",
        "/guides/%5c..%5csecret.txt",
    ] {
        let (status, body) = get(address, target);
        assert_eq!(status, 404, "{target}");
        assert!(!body.contains("secret"), "{target} leaked the file");
    }
    let (status, body) = get(address, "/no/such/page.html");
    assert_eq!(status, 404);
    assert!(
        body.contains("<base href=\"/\">"),
        "the 404 page finds its style sheets from anywhere"
    );
    assert!(body.contains("Page not found"));
    assert_eq!(request(address, "POST", "/").status, 405);
    assert_eq!(request(address, "DELETE", "/index.html").status, 405);
    let head = request(address, "HEAD", "/index.html");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD has no body");
}

#[test]
fn a_taken_port_is_reported_clearly() {
    let project = Project::from_fixture("rich");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("address").port();
    let options = ServeOptions {
        host: "127.0.0.1".into(),
        port: Some(port),
        poll: false,
        allow_hosts: Vec::new(),
        build: common::options(None, false),
    };
    let error = match Preview::start(&project.root, options, |_| {}) {
        Ok(_) => panic!("the port is taken"),
        Err(d) => d,
    };
    assert_eq!(error.message, format!("port {port} on 127.0.0.1 is already in use"));
    assert!(error.help.as_deref().unwrap_or_default().contains("--port"));
}

static REBUILDS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn a_burst_of_changes_makes_few_rebuilds() {
    let project = Project::from_fixture("rich");
    let options = ServeOptions {
        host: "127.0.0.1".into(),
        port: Some(0),
        poll: false,
        allow_hosts: Vec::new(),
        build: common::options(None, false),
    };
    let (preview, _) = Preview::start(&project.root, options, |_| {
        REBUILDS.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    })
    .expect("the server starts");
    let address = preview.address;
    std::thread::spawn(move || preview.run());
    let mut events = Events::open(address);
    // As when a branch is checked out: 500 new pages at once.
    for i in 0..500 {
        project.write(
            &format!("content/bulk/page-{i:03}.md"),
            &format!("---\ntitle: Bulk {i}\n---\nText.\n"),
        );
    }
    // Writing may stall on a busy machine and split the burst, so reloads
    // are followed until the last page is in; every page is in then.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        events.wait_for("reload");
        if get(address, "/bulk/page-499.html").0 == 200 {
            break;
        }
        assert!(std::time::Instant::now() < deadline, "the burst never fully arrived");
    }
    for page in ["/bulk/page-000.html", "/bulk/page-250.html"] {
        assert_eq!(get(address, page).0, 200, "{page} is in");
    }
    let burst = REBUILDS.load(std::sync::atomic::Ordering::SeqCst);
    assert!(
        burst <= 10,
        "500 changes made {burst} rebuilds: they must be taken together"
    );
    // A later edit is one more rebuild.
    project.write("content/bulk/page-000.md", "---\ntitle: Bulk 0\n---\nChanged.\n");
    events.wait_for("reload");
    assert_eq!(REBUILDS.load(std::sync::atomic::Ordering::SeqCst), burst + 1);
}

#[test]
fn editors_saves_are_seen_and_their_temp_files_never() {
    let project = Project::from_fixture("rich");
    let address = start(&project);
    let mut events = Events::open(address);
    let page = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&page).expect("read");

    // An atomic save: a temporary file renamed over the page.
    let temp = project.path("content/guides/.glossary.md.tmp1234");
    std::fs::write(&temp, text.replace("Words we use", "Atomic words")).expect("temp");
    std::fs::rename(&temp, &page).expect("rename");
    events.wait_for("reload");
    assert!(get(address, "/guides/glossary.html").1.contains("Atomic words"));

    // vim's dance: probe file 4913, the page moved to a backup, written anew, backup removed.
    let probe = project.path("content/guides/4913");
    std::fs::write(&probe, "").expect("probe");
    std::fs::remove_file(&probe).expect("probe gone");
    let backup = project.path("content/guides/glossary.md~");
    std::fs::rename(&page, &backup).expect("backup");
    std::fs::write(&page, text.replace("Words we use", "Vim words")).expect("write");
    std::fs::remove_file(&backup).expect("backup gone");
    events.wait_for("reload");
    let (status, body) = get(address, "/guides/glossary.html");
    assert_eq!(status, 200);
    assert!(body.contains("Vim words"));
    assert_eq!(get(address, "/guides/4913").0, 404, "editor files are never content");
}

#[test]
fn polling_sees_edits_too() {
    let project = Project::from_fixture("rich");
    let options = ServeOptions {
        host: "127.0.0.1".into(),
        port: Some(0),
        poll: true,
        allow_hosts: Vec::new(),
        build: common::options(None, false),
    };
    let (preview, _) = Preview::start(&project.root, options, |_| {}).expect("the server starts");
    let address = preview.address;
    std::thread::spawn(move || preview.run());
    let mut events = Events::open(address);
    let path = project.path("content/guides/glossary.md");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replace("Words we use", "Polled words")).expect("edit");
    events.wait_for("reload");
    assert!(get(address, "/guides/glossary.html").1.contains("Polled words"));
}

#[test]
fn built_sites_never_carry_the_live_reload_client() {
    let project = Project::from_fixture("rich");
    project.build_ok();
    for (path, bytes) in common::snapshot(&project.out()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(
            !text.contains("journeybook-live") && !text.contains("__journeybook"),
            "{path}"
        );
    }
}

#[test]
fn a_renamed_folder_moves_its_pages() {
    let project = Project::from_fixture("rich");
    project.write("content/notes/a.md", "---\ntitle: A note\n---\nText.\n");
    let address = start(&project);
    assert_eq!(get(address, "/notes/a.html").0, 200);
    let mut events = Events::open(address);
    std::fs::rename(project.path("content/notes"), project.path("content/archive")).expect("rename the folder");
    events.wait_for("reload");
    assert_eq!(get(address, "/archive/a.html").0, 200);
    assert_eq!(get(address, "/notes/a.html").0, 404);
}
