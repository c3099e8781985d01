//! The HTML report as a reader (and a browser) gets it: one well-formed,
//! self-contained page in the language asked for, whose marked figures are
//! those of the JSON summary, with every figure's derivation on demand.

use childwelfare::aggregate::{self, Aggregator, Summary};
use childwelfare::corpus::Generator;
use childwelfare::{Language, data, report};

/// Elements that have no end tag in HTML.
const VOID: [&str; 6] = ["meta", "link", "br", "hr", "img", "input"];

/// One tag of the page: its name, whether it ends an element, whether it
/// closes itself (`<rect/>`), and its attributes.
#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub end: bool,
    pub self_closing: bool,
    pub attributes: Vec<(String, String)>,
}

impl Tag {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// The tags of `page` in order, each with the text up to the next tag.
/// Panics on anything a strict reader of this page would stop at: a `<`
/// that starts no tag, an attribute value without quotes, a comment.
pub fn tags(page: &str) -> Vec<(Tag, String)> {
    let mut out = Vec::new();
    let body = page.strip_prefix("<!DOCTYPE html>").expect("the page starts with <!DOCTYPE html>");
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        rest = &rest[start + 1..];
        let end = rest.find('>').expect("every tag ends");
        let inside = &rest[..end];
        rest = &rest[end + 1..];
        let text = &rest[..rest.find('<').unwrap_or(rest.len())];
        let (is_end, inside) = match inside.strip_prefix('/') {
            Some(inside) => (true, inside),
            None => (false, inside),
        };
        let (self_closing, inside) = match inside.strip_suffix('/') {
            Some(inside) => (true, inside),
            None => (false, inside),
        };
        let name_end = inside.find(|c: char| c.is_whitespace()).unwrap_or(inside.len());
        let name = &inside[..name_end];
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric()),
            "not a tag: <{inside}> (a `<` in a text must be escaped)"
        );
        let mut attributes = Vec::new();
        let mut attrs = inside[name_end..].trim();
        while !attrs.is_empty() {
            let eq = attrs.find('=').unwrap_or_else(|| panic!("an attribute without a value in <{inside}>"));
            let attribute = attrs[..eq].trim().to_owned();
            let value = attrs[eq + 1..].strip_prefix('"').unwrap_or_else(|| panic!("an unquoted value in <{inside}>"));
            let close = value.find('"').expect("a quoted value ends");
            attributes.push((attribute, unescape(&value[..close])));
            attrs = value[close + 1..].trim_start();
        }
        let tag = Tag { name: name.to_owned(), end: is_end, self_closing, attributes };
        out.push((tag, unescape(text)));
    }
    out
}

/// A text or attribute value of the page as a browser reads it: its
/// character references (`&lt;`, `&#60;`) decoded.
pub fn unescape(text: &str) -> String {
    assert!(!text.contains('<'), "an unescaped < in {text:?}");
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').map(|e| at + e).unwrap_or_else(|| panic!("a bare & in {text:?}"));
        let name = &rest[at + 1..end];
        let c = match name {
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            "quot" => '"',
            "apos" => '\'',
            _ => name
                .strip_prefix('#')
                .and_then(|n| n.parse::<u32>().ok())
                .and_then(char::from_u32)
                .unwrap_or_else(|| panic!("an unknown reference &{name}; in {text:?}")),
        };
        out.push(c);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

/// Asserts that every element the page opens is closed in order.
fn assert_well_formed(page: &str) {
    let mut open: Vec<String> = Vec::new();
    for (tag, _) in tags(page) {
        if tag.end {
            let last = open.pop();
            assert_eq!(last.as_deref(), Some(tag.name.as_str()), "</{}> closes <{last:?}>", tag.name);
        } else if !tag.self_closing && !VOID.contains(&tag.name.as_str()) {
            open.push(tag.name);
        }
    }
    assert!(open.is_empty(), "left open: {open:?}");
}

/// The HTML report of `summary`, as `report --format html` writes it.
pub fn html(summary: &Summary, language: Language, explain: bool) -> String {
    let options = report::Options::new(report::Format::Html).language(language).explain(explain);
    report::render_with(summary, &options)
}

fn summary(explain: bool) -> Summary {
    aggregate::summarise(&data::seed(), explain)
}

#[test]
fn the_page_is_well_formed_and_needs_nothing_outside_it() {
    for explain in [false, true] {
        let page = html(&summary(explain), Language::En, explain);
        assert_well_formed(&page);
        let tags = tags(&page);
        for (tag, _) in &tags {
            assert!(!["script", "iframe", "object", "embed", "base", "img"].contains(&tag.name.as_str()), "{tag:?}");
            for (name, value) in &tag.attributes {
                if ["href", "src", "srcset", "action", "xlink:href"].contains(&name.as_str()) {
                    assert!(value.starts_with('#') || value.starts_with("data:"), "{tag:?} points outside the page");
                }
                assert!(!name.starts_with("on"), "{tag:?} has an event handler");
            }
        }
        // Every #fragment link leads to an element of the page.
        let ids: Vec<&str> = tags.iter().filter_map(|(tag, _)| tag.get("id")).collect();
        for (tag, _) in &tags {
            if let Some(target) = tag.get("href").and_then(|h| h.strip_prefix('#')) {
                assert!(ids.contains(&target), "#{target} leads nowhere");
            }
        }
        let mut unique = ids.clone();
        unique.sort_unstable();
        unique.dedup();
        assert_eq!(unique.len(), ids.len(), "ids are unique");
        // The style loads nothing either, and a policy forbids the browser to.
        for url in page.split("url(").skip(1) {
            assert!(url.starts_with('#'), "url({}", &url[..20.min(url.len())]);
        }
        assert!(!page.contains("@import"));
        assert!(page.contains(
            r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">"#
        ));
    }
}

/// A marked figure of the page: its pointer, its `data-` attributes (without
/// `data-`) and its text.
type Marked = (String, Vec<(String, String)>, String);

/// The figures of the page.
fn marked(page: &str) -> Vec<Marked> {
    tags(page)
        .into_iter()
        .filter_map(|(tag, text)| {
            let pointer = tag.get("data-figure")?.to_owned();
            let data = tag
                .attributes
                .iter()
                .filter_map(|(n, v)| Some((n.strip_prefix("data-")?.to_owned(), v.clone())))
                .filter(|(n, _)| n != "figure")
                .collect();
            Some((pointer, data, text))
        })
        .collect()
}

/// The `data-` attributes a figure of the JSON summary gets.
fn expected(value: Option<&serde_json::Value>) -> Vec<(String, String)> {
    use serde_json::Value;
    let scalar = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    let mut out: Vec<(String, String)> = match value {
        None | Some(Value::Null) => vec![("none".to_owned(), String::new())],
        Some(Value::Object(fields)) => fields
            .iter()
            .filter(|(n, _)| {
                ["low", "high", "exactness", "low_exactness", "high_exactness", "value", "euros"].contains(&n.as_str())
            })
            .map(|(n, v)| (n.replace('_', "-"), scalar(v)))
            .collect(),
        Some(other) => vec![("value".to_owned(), scalar(other))],
    };
    out.sort();
    out
}

/// Asserts that every marked figure of `page` is the JSON summary's, and
/// that every figure of the JSON (an object with a `text`) is marked.
fn assert_figures_are_the_json(page: &str, summary: &Summary) -> usize {
    let json: serde_json::Value = serde_json::from_str(&report::render(summary, report::Format::Json, false)).unwrap();
    let figures = marked(page);
    assert!(!figures.is_empty());
    for (pointer, data, text) in &figures {
        let mut data = data.clone();
        // The row (the object holding the figure) is in the JSON, whatever the figure.
        let row = &pointer[..pointer.rfind('/').unwrap()];
        let row = row.strip_suffix("/participation").unwrap_or(row);
        assert!(json.pointer(row).is_some(), "{pointer}: no such row in the JSON");
        let value = json.pointer(pointer);
        data.sort();
        assert_eq!(data, expected(value), "{pointer}");
        if let Some(shown) = value.and_then(|v| v.get("text")).and_then(|t| t.as_str()) {
            assert!(text.starts_with(shown), "{pointer}: the page shows {text:?}, the JSON {shown:?}");
        }
    }
    let mut all = Vec::new();
    texts(&json, String::new(), &mut all);
    for pointer in all {
        assert!(figures.iter().any(|(p, ..)| *p == pointer), "{pointer} is not in the page");
    }
    figures.len()
}

/// The pointers of every figure of the JSON: every object with a `text`.
fn texts(value: &serde_json::Value, pointer: String, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(fields) if fields.contains_key("text") => out.push(pointer),
        serde_json::Value::Object(fields) => {
            for (name, value) in fields {
                texts(value, format!("{pointer}/{name}"), out);
            }
        }
        serde_json::Value::Array(items) => {
            for (i, value) in items.iter().enumerate() {
                texts(value, format!("{pointer}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_figure_of_the_page_is_the_json_summarys_and_every_one_is_there() {
    let summary = summary(true);
    let page = html(&summary, Language::En, true);
    let figures = assert_figures_are_the_json(&page, &summary);
    // Every attendance figure of the participation tables, for one.
    let rows: usize = summary.participation.iter().map(|t| t.rows.len()).sum();
    assert!(figures > rows * 3, "{figures} figures for {rows} participation rows");
}

/// The section `id` of `page`, from its start to its end.
fn section<'a>(page: &'a str, id: &str) -> &'a str {
    let start = page.find(&format!("<section id=\"{id}\"")).unwrap_or_else(|| panic!("no section {id}"));
    &page[start..start + page[start..].find("</section>").unwrap()]
}

#[test]
fn participant_groups_with_figures_are_shown_in_the_readers_language_marked_and_explained() {
    use childwelfare::{Count, Document, Event, ParticipantGroup, ParticipantGroupKind, ParticipantRole, Project};
    let parents = || ParticipantGroup::new(ParticipantGroupKind::ParentsAndFamilies);
    let mut a = Event::new("a".parse().unwrap());
    a.participant_groups = vec![
        parents().with_attendances(Count::approximate(1200)).with_distinct_people(Count::exact(8)),
        ParticipantGroup::new(ParticipantGroupKind::Professionals)
            .with_sector(childwelfare::ServiceSector::ChildProtection)
            .with_role(ParticipantRole::Leader),
    ];
    let mut b = Event::new("b".parse().unwrap());
    b.participant_groups = vec![parents().with_attendances(Count::exact(20)).with_distinct_people(Count::exact(5))];
    let mut project =
        Project::new("demo".parse().unwrap(), childwelfare::Text::fi("Esimerkki"), childwelfare::ProjectStatus::Ended);
    project.events = vec![a, b];
    let summary = aggregate::summarise(&[Document::Project(Box::new(project))], true);
    let at = summary.participant_groups.iter().position(|r| r.key == "parents_and_families").unwrap();
    let row = &summary.participant_groups[at];
    assert!(row.attendances.is_some() && row.distinct_people.is_some(), "{row:?}");

    // Every figure marked and equal to the JSON, the groups' among them.
    let page = html(&summary, Language::En, true);
    assert_well_formed(&page);
    assert_figures_are_the_json(&page, &summary);
    let figures = marked(&page);
    let figure = |pointer: &str| figures.iter().find(|(p, ..)| p == pointer).unwrap_or_else(|| panic!("{pointer}"));
    let attendances = figure(&format!("/participant_groups/{at}/attendances"));
    assert_eq!(attendances.2, "about 1 220");
    assert!(attendances.1.contains(&("exactness".to_owned(), "approximate".to_owned())), "{attendances:?}");
    // Distinct people over two events: at least the larger figure.
    assert_eq!(figure(&format!("/participant_groups/{at}/distinct_people")).2, "at least 8");
    assert_eq!(figure(&format!("/participant_groups/{at}/events")).2, "2");
    // The leaders, named without a figure: counted, never guessed.
    let leaders = summary.participant_groups.iter().position(|r| r.role == "leader").unwrap();
    let none = figure(&format!("/participant_groups/{leaders}/attendances"));
    assert_eq!((none.1.as_slice(), none.2.as_str()), ([("none".to_owned(), String::new())].as_slice(), "–"));

    // A real table, and the derivations of its figures under it.
    let groups = section(&page, "participant-groups");
    assert!(
        groups.contains(
            "<caption id=\"participant-groups-c\" class=\"vh\">Who took part, by participant group</caption>"
        )
    );
    assert!(groups.contains(&format!("<th scope=\"row\">{}</th>", row.label)), "{groups}");
    assert!(groups.contains("<th scope=\"col\">named without a figure</th>"));
    assert!(groups.contains("<details class=\"derivations\">"));
    assert!(groups.contains(&format!("<dt>{} (participant), attendances</dt>", row.label)), "{groups}");
    assert!(!html(&summary, Language::En, false).contains("<details"));

    // In Finnish, the words and the figures.
    let page = html(&summary, Language::Fi, false);
    let groups = section(&page, "participant-groups");
    assert!(groups.contains("Keitä osallistui: osallistujaryhmät") && groups.contains(">noin 1 220</td>"), "{groups}");
}

#[test]
fn the_seed_datas_timelines_and_regional_parts_are_shown_and_marked() {
    let summary = summary(false);
    let page = html(&summary, Language::En, false);
    let timelines = summary.timelines.rows().unwrap();
    let parts = summary.regional_parts.rows().unwrap();
    assert!(!timelines.is_empty() && !parts.is_empty());
    let shown = section(&page, "timelines");
    assert!(shown.contains("<th scope=\"col\">days to decision</th>"));
    let figures = marked(&page);
    for (i, row) in timelines.iter().enumerate() {
        assert!(shown.contains(&format!("<th scope=\"row\">{}</th>", row.name)), "{}", row.name);
        let count = figures.iter().find(|(p, ..)| *p == format!("/timelines/{i}/regional_parts")).unwrap();
        assert_eq!(count.2, row.regional_parts.to_string());
        for field in ["application", "grant_decision", "start_of_work", "days_to_decision", "days_to_start"] {
            assert!(figures.iter().any(|(p, ..)| *p == format!("/timelines/{i}/{field}")), "{field}");
        }
    }
    let shown = section(&page, "regional-parts");
    for row in parts {
        assert!(shown.contains(&format!("<td>{}</td>", row.label)), "{}", row.label);
    }
    // In Swedish, the titles of the text report.
    let page = html(&summary, Language::Sv, false);
    assert!(section(&page, "timelines").contains("Från ansökan till arbetets start"));
    assert!(section(&page, "regional-parts").contains("Regionala delar"));
}

#[test]
fn a_generated_corpus_past_the_per_project_limit_says_so_and_keeps_its_figures() {
    let generator = Generator::new(7);
    for limit in [1_000, 20] {
        let mut aggregator = Aggregator::new().per_project_limit(limit);
        for index in 0..40 {
            aggregator.add(&generator.document(index));
        }
        aggregator.add(&childwelfare::Document::from(generator.programme(40)));
        let summary = aggregator.finish();
        let page = html(&summary, Language::En, false);
        assert_well_formed(&page);
        assert_figures_are_the_json(&page, &summary);
        // Each table left out says so where it would be, and why.
        let said = summary
            .omitted()
            .map(|o| report::Phrase::LeftOut.fill(Language::En, &[&o.limit.to_string(), &o.projects.to_string()]));
        assert_eq!(said.is_some(), limit == 20);
        if let Some(said) = said {
            assert!(page.matches(&format!("<p class=\"omitted\">{said}</p>")).count() >= 8, "{said}");
            for id in ["timelines", "regional-parts"] {
                assert!(section(&page, id).contains(&format!("<p class=\"omitted\">{said}</p>")), "{id}");
            }
        }
    }
}

#[test]
fn derivations_are_on_demand_in_details_with_their_records_and_sources() {
    let summary = summary(true);
    let page = html(&summary, Language::En, true);
    let derivations = page.matches("<details class=\"derivations\">").count();
    assert!(derivations >= 5, "{derivations}");
    let lumo =
        summary.participation(aggregate::Dimension::Project).unwrap().find(|row| row.group.key == "lumo").unwrap();
    let derivation = lumo.attendances.as_ref().unwrap().derivation.as_ref().unwrap();
    // Each record, where it is stated, and what was left out.
    for record in &derivation.records {
        assert!(page.contains(&format!("<li>{record}</li>")), "{record}");
    }
    let cited = &derivation.sources[0];
    assert!(page.contains(&format!("<li>{}: {}", cited.record, cited.sources[0].document)), "{}", cited.record);
    let left = &derivation.left_out[0];
    assert!(page.contains(&format!("<li>{}: {}</li>", left.record, left.why)), "{}", left.record);
    // Without --explain, or from a summary made without derivations: none.
    assert!(!html(&summary, Language::En, false).contains("<details"));
    let plain = aggregate::summarise(&data::seed(), false);
    assert!(!html(&plain, Language::En, true).contains("<details"));
}

#[test]
fn the_page_is_in_the_language_asked_for() {
    for language in [Language::Fi, Language::Sv, Language::En] {
        let page = html(&summary(false), language, false);
        assert!(page.contains(&format!("<html lang=\"{}\">", language.code())), "{language:?}");
    }
}

/// The charts of `page`: their ids.
fn charts(page: &str) -> Vec<String> {
    tags(page)
        .iter()
        .filter(|(t, _)| t.name == "svg" && t.get("role").is_some())
        .filter_map(|(t, _)| Some(t.get("aria-labelledby")?.split('-').skip(1).collect::<Vec<_>>().join("-")))
        .collect()
}

#[test]
fn the_charts_are_those_of_participation_judgements_and_money() {
    let page = html(&summary(false), Language::En, false);
    let seed = charts(&page);
    for chart in ["participation-project", "participation-theme", "participation-county", "judgements-project"] {
        assert!(seed.iter().any(|c| c.starts_with(chart)), "{chart}: {seed:?}");
    }
    // The seed data states no amounts of money; a generated corpus does.
    let generator = Generator::new(3);
    let documents: Vec<_> = (0..20).map(|i| generator.document(i)).collect();
    let page = html(&aggregate::summarise(&documents, false), Language::En, false);
    let generated = charts(&page);
    for chart in ["money-funder", "money-funding-kind", "participation-year"] {
        assert!(generated.iter().any(|c| c.starts_with(chart)), "{chart}: {generated:?}");
    }
}

#[test]
fn every_chart_has_a_title_a_description_and_its_figures_as_text() {
    let page = html(&summary(false), Language::En, false);
    let tags = tags(&page);
    let charts: Vec<&Tag> =
        tags.iter().map(|(t, _)| t).filter(|t| t.name == "svg" && t.get("role").is_some()).collect();
    assert!(!charts.is_empty());
    for chart in charts {
        assert_eq!(chart.get("role"), Some("img"));
        let labels: Vec<&str> = chart.get("aria-labelledby").unwrap().split(' ').collect();
        let texts: Vec<(&str, &str)> =
            tags.iter().filter_map(|(t, text)| Some((t.get("id")?, text.as_str()))).collect();
        for label in &labels {
            let (_, text) = texts.iter().find(|(id, _)| id == label).unwrap_or_else(|| panic!("no #{label}"));
            assert!(!text.trim().is_empty(), "#{label} is empty");
        }
        assert!(labels[0].ends_with("-t") && labels[1].ends_with("-d"), "{labels:?}");
    }
    // LUMO's bar carries its figure as text, marked as the table's cell is.
    assert!(page.contains(">about 4 667</text>"));
}

/// The relative luminance of a `#rrggbb` colour (WCAG 2).
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).unwrap()) / 255.0;
        if c <= 0.04045 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
}

fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a), luminance(b));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

#[test]
fn text_and_chart_colours_pass_wcag_aa_contrast_on_every_background() {
    let page = html(&summary(false), Language::En, false);
    let style = &page[page.find("<style>").unwrap()..page.find("</style>").unwrap()];
    let colours = |property: &str| -> Vec<String> {
        style
            .split(';')
            .filter_map(|declaration| declaration.trim().rsplit('{').next())
            .filter_map(|declaration| declaration.trim().strip_prefix(property)?.trim().strip_prefix(':'))
            .map(|value| value.trim().to_owned())
            .filter(|value| value.starts_with('#'))
            .collect()
    };
    let backgrounds: Vec<String> = colours("background");
    assert!(backgrounds.contains(&"#ffffff".to_owned()), "{backgrounds:?}");
    // Text: 4.5 to 1 on every background of the page (AA for normal text).
    let texts = colours("color");
    assert!(texts.len() >= 3, "{texts:?}");
    for text in &texts {
        for background in &backgrounds {
            assert!(contrast(text, background) >= 4.5, "{text} on {background}: {:.2}", contrast(text, background));
        }
    }
    // Bars, patterns and outlines: 3 to 1 on white (AA for graphics).
    let graphics: Vec<String> = colours("fill").into_iter().chain(colours("stroke")).collect();
    assert!(graphics.len() >= 5, "{graphics:?}");
    for colour in graphics.iter().filter(|c| *c != "#ffffff") {
        assert!(contrast(colour, "#ffffff") >= 3.0, "{colour}: {:.2}", contrast(colour, "#ffffff"));
    }
}
