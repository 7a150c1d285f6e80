//! A persona's model: its profile, its channels and its face.

use super::model::{KeyValue, PageInfo, Persona};
use super::pages::{text, texts};
use super::references::Resolver;
use crate::content::model::PersonaFront;
use crate::content::{Kind, Place};
use crate::diagnostics::Diagnostic;
use crate::paths;

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
            if a.contains("://") || a.starts_with('/') {
                return Some(a.clone());
            }
            let path = paths::join(&doc.source.content_path, a);
            if let Some(path) = path.as_ref().filter(|p| self.assets.contains(*p)) {
                return Some(path.clone());
            }
            let looked = match path {
                Some(path) => format!("looked for content/{path}"),
                None => "the path leads out of the content folder".to_owned(),
            };
            self.report(
                Diagnostic::error(format!("avatar `{a}` not found ({looked})"))
                    .at(doc.locator().find(Some(a), "avatar", Place::All))
                    .with_help("put the image in the content folder; the path is relative to this file"),
            );
            None
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
        }
    }
}
