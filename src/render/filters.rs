//! Filters the default theme uses beyond Tera's own.

use tera::{Kwargs, State, Tera, Value};

/// A number for people: `1`, `-0.5`, `2.25`.
fn num(value: Value, _: Kwargs, _: &State<'_>) -> String {
    match value.as_number() {
        Some(n) => super::charts::number(n.as_float()),
        None => value.to_string(),
    }
}

/// Maps a value on `[min, max]` to `[to_min, to_max]`: chart coordinates.
fn scale(value: Value, kwargs: Kwargs, _: &State<'_>) -> tera::TeraResult<f64> {
    let v = value.as_number().map_or(0.0, |n| n.as_float());
    let min: f64 = kwargs.must_get("min")?;
    let max: f64 = kwargs.must_get("max")?;
    let to_min: f64 = kwargs.must_get("to_min")?;
    let to_max: f64 = kwargs.must_get("to_max")?;
    if (max - min).abs() < f64::EPSILON {
        return Ok(to_min);
    }
    Ok(to_min + (v - min) / (max - min) * (to_max - to_min))
}

/// Shades a count of a heat map: 0 for none, else 1 to 4 by its share of `max`.
fn heat(value: Value, kwargs: Kwargs, _: &State<'_>) -> tera::TeraResult<u8> {
    let count = value.as_number().map_or(0.0, |n| n.as_float());
    let max: f64 = kwargs.must_get("max")?;
    if count <= 0.0 || max <= 0.0 {
        return Ok(0);
    }
    Ok(((count / max * 4.0).ceil() as u8).clamp(1, 4))
}

/// A path relative to the site root as the page links it: `root` put
/// before it, unless it is an address of its own (`https://…`), which is
/// left as it is.
fn site_url(value: Value, kwargs: Kwargs, _: &State<'_>) -> tera::TeraResult<String> {
    let root: String = kwargs.must_get("root")?;
    let link = value.as_str().map(ToString::to_string).unwrap_or_default();
    Ok(match crate::paths::is_address(&link) {
        true => link,
        false => format!("{root}{link}"),
    })
}

/// Text as a quoted CSS string, for `content:` in a page's own `<style>`:
/// quotes and backslashes escaped, line breaks and `<` written as escapes
/// so nothing can end the string or the element.
fn css_string(value: Value, _: Kwargs, _: &State<'_>) -> String {
    let text = value
        .as_str()
        .map(ToString::to_string)
        .unwrap_or_else(|| value.to_string());
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            '&' => out.push_str("\\26 "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A key as a label: `annual_usage` → "Annual usage" (see `ids::words_of`).
fn words(value: Value, _: Kwargs, _: &State<'_>) -> String {
    match value.as_str() {
        Some(text) => crate::ids::words_of(text),
        None => value.to_string(),
    }
}

pub(super) fn register(tera: &mut Tera) {
    tera.register_filter("words", words);
    tera.register_filter("css_string", css_string);
    tera.register_filter("site_url", site_url);
    tera.register_filter("heat", heat);
    tera.register_filter("num", num);
    tera.register_filter("scale", scale);
}
