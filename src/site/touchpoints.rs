//! A touchpoint's model; where it is used is filled in by the back-links.

use super::model::{PageInfo, Touchpoint};
use super::pages::{text, texts};
use crate::content::model::TouchpointFront;

pub(super) fn touchpoint(info: PageInfo, front: &TouchpointFront) -> Touchpoint {
    Touchpoint {
        name: info.title.clone(),
        info,
        channel: text(&front.channel),
        touchpoint_type: text(&front.touchpoint_type),
        owner: text(&front.owner),
        systems: texts(&front.systems),
        used_in: Vec::new(),
        personas: Vec::new(),
    }
}
