//! A persona's model: its profile, its channels and its face.

use super::model::{KeyValue, PageInfo, Persona};
use super::pages::{text, texts};
use super::references::Resolver;
use crate::content::model::PersonaFront;
use crate::content::{Kind, Place};
use crate::diagnostics::Diagnostic;
use crate::paths;
use crate::sanitize;

impl Resolver<'_> {
    pub(super) fn persona(&self, index: usize, info: PageInfo, front: &PersonaFront) -> Persona {
        let doc = self.docs[index];
        let mut channels = Vec::new();
        for id in front.channels.iter() {
            if let Some(t) = self.lookup(Kind::Touchpoint, id, doc, "channels", Place::All) {
                channels.push(self.chip(t));
            }
        }
        let avatar = front.avatar.as_ref().and_then(|a| {
            let refuse = |message: String, help: &str| {
                self.report(
                    Diagnostic::error(message)
                        .at(doc.locator().find(Some(a), "avatar", Place::All))
                        .with_help(help),
                );
                None
            };
            if let Some(scheme) = sanitize::script_scheme(a) {
                return refuse(
                    format!("avatar `{scheme}:` address refused: it would run or show code taken from the address"),
                    "put the image in the content folder and give its path, relative to this file",
                );
            }
            if paths::is_address(a) {
                return Some(a.clone());
            }
            if a.starts_with('/') || a.starts_with('\\') {
                return refuse(
                    format!("avatar `{a}` is an absolute path"),
                    "give the image's path relative to this file, e.g. `../images/face.png`, so the site works wherever it is published",
                );
            }
            let Some(path) = paths::join(&doc.source.content_path, a) else {
                return refuse(
                    format!("avatar `{a}` points outside the content folder"),
                    "put the image inside the content folder; the path is relative to this file",
                );
            };
            if self.assets.contains(&path) {
                return Some(path);
            }
            refuse(
                format!("avatar `{a}` not found (looked for content/{path})"),
                "put the image in the content folder; the path is relative to this file",
            )
        });
        Persona {
            name: info.title.clone(),
            info,
            role: text(&front.role),
            quote: text(&front.quote),
            avatar,
            segment: text(&front.segment),
            demographics: front
                .demographics
                .0
                .iter()
                .map(|(k, v)| KeyValue {
                    key: k.0.clone(),
                    value: v.0.clone(),
                })
                .collect(),
            goals: texts(&front.goals),
            needs: texts(&front.needs),
            pain_points: texts(&front.pain_points),
            motivations: texts(&front.motivations),
            behaviors: texts(&front.behaviors),
            channels,
            sources: texts(&front.sources),
            journeys: Vec::new(),
            cited_sources: super::evidence::persona_sources(&texts(&front.sources)),
        }
    }
}
