//! Periods and dates within a project: no period runs backwards, every
//! dated record falls within the project's period, milestones keep their
//! order.

use super::Sink;
use super::rules::*;
use chrono::NaiveDate;

use crate::{Period, Project};

/// The widest period a project ran in, from its planned and actual periods.
pub(crate) fn project_bounds(p: &Project) -> Period {
    let periods: Vec<&Period> = p.period.iter().chain(p.actual_period.iter()).collect();
    let start = periods.iter().filter_map(|x| x.start).min_by_key(|d| d.earliest());
    let end = periods.iter().filter_map(|x| x.end).max_by_key(|d| d.latest());
    Period { start, end }
}

pub(crate) fn period_reversed(period: &Period) -> bool {
    matches!((period.start, period.end), (Some(s), Some(e)) if s.earliest() > e.latest())
}

/// A period that dated records must fall within, with its first and last
/// possible days worked out once rather than for every record.
struct Bounds {
    period: Period,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
}

impl Bounds {
    fn of(period: Period) -> Bounds {
        Bounds { first: period.start.map(|d| d.earliest()), last: period.end.map(|d| d.latest()), period }
    }
}

/// `what` and `pointer` are built only for a finding.
fn check_period(
    period: &Period,
    bounds: &Bounds,
    what: &dyn Fn() -> String,
    pointer: &dyn Fn() -> String,
    sink: &mut Sink<'_>,
) {
    let start = period.start.map(|d| (d.earliest(), d.latest()));
    let end = period.end.map(|d| (d.earliest(), d.latest()));
    if matches!((start, end), (Some((s, _)), Some((_, e))) if s > e) {
        sink.emit(
            &DATES_PERIOD_ORDER,
            pointer(),
            format!("{} starts {} but ends {}", what(), display(period.start), display(period.end)),
        );
        return;
    }
    let before = matches!((start, bounds.first), (Some((_, s)), Some(b)) if s < b);
    let after = matches!((end, bounds.last), (Some((e, _)), Some(b)) if e > b);
    let ends_before = matches!((end, bounds.first), (Some((_, e)), Some(b)) if e < b);
    let starts_after = matches!((start, bounds.last), (Some((s, _)), Some(b)) if s > b);
    if before || after || ends_before || starts_after {
        sink.emit(
            &DATES_OUTSIDE_PROJECT,
            pointer(),
            format!("{} ({period}) is not inside the project's period ({})", what(), bounds.period),
        );
    }
}

pub(crate) fn display(date: Option<crate::PartialDate>) -> String {
    date.map_or_else(|| "open".to_owned(), |d| d.to_string())
}

pub(crate) fn check_dates(p: &Project, sink: &mut Sink<'_>) {
    let open = Bounds::of(Period::default());
    if let Some(period) = &p.period {
        check_period(period, &open, &|| "the project".to_owned(), &|| "/period".to_owned(), sink);
    }
    if let Some(period) = &p.actual_period {
        check_period(
            period,
            &open,
            &|| "the project's actual period".to_owned(),
            &|| "/actual_period".to_owned(),
            sink,
        );
    }
    let bounds = project_bounds(p);
    let bounds = if period_reversed(&bounds) { Bounds::of(Period::default()) } else { Bounds::of(bounds) };
    for (i, e) in p.events.iter().enumerate() {
        if let Some(period) = &e.period {
            check_period(period, &bounds, &|| format!("event `{}`", e.id), &|| format!("/events/{i}/period"), sink);
        }
    }
    for (i, a) in p.assessments.iter().enumerate() {
        if let Some(period) = &a.period {
            check_period(
                period,
                &bounds,
                &|| format!("assessment `{}`", a.id),
                &|| format!("/assessments/{i}/period"),
                sink,
            );
        }
    }
    for (i, s) in p.staffing.iter().enumerate() {
        if let Some(period) = &s.period {
            check_period(period, &bounds, &|| format!("staffing entry {i}"), &|| format!("/staffing/{i}/period"), sink);
        }
    }
    for (i, r) in p.regional_parts.iter().enumerate() {
        if let Some(period) = &r.period {
            check_period(
                period,
                &bounds,
                &|| format!("regional part `{}`", r.id),
                &|| format!("/regional_parts/{i}/period"),
                sink,
            );
        }
    }
    // Reports and publications about the project may follow its end.
    let reporting = Bounds {
        last: bounds.last.and_then(|last| last.checked_add_months(chrono::Months::new(REPORTING_GRACE_MONTHS))),
        ..Bounds::of(bounds.period)
    };
    for (i, o) in p.outputs.iter().enumerate() {
        if let Some(date) = o.date {
            let period = Period { start: Some(date), end: Some(date) };
            if reports_on_project(o.kind) {
                let what = || {
                    format!(
                        "output `{}` (a {} may follow the end by {REPORTING_GRACE_MONTHS} months)",
                        o.id,
                        o.kind.label(crate::Language::En)
                    )
                };
                check_period(&period, &reporting, &what, &|| format!("/outputs/{i}/date"), sink);
            } else {
                check_period(
                    &period,
                    &bounds,
                    &|| format!("output `{}`", o.id),
                    &|| format!("/outputs/{i}/date"),
                    sink,
                );
            }
        }
        if let Some(dates) = &o.record_dates {
            check_record_dates(dates, &format!("/outputs/{i}/record_dates/last_modified"), sink);
        }
    }
    for (i, m) in p.measures.iter().enumerate() {
        if let Some(date) = m.date {
            let period = Period { start: Some(date), end: Some(date) };
            check_period(&period, &bounds, &|| format!("measure `{}`", m.id), &|| format!("/measures/{i}/date"), sink);
        }
    }
    for (i, c) in p.contacts.iter().enumerate() {
        if let Some(period) = &c.period {
            check_period(period, &open, &|| format!("contact {}", c.name), &|| format!("/contacts/{i}/period"), sink);
        }
    }
    check_milestones(p, sink);
    if let Some(dates) = &p.record_dates {
        check_record_dates(dates, "/record_dates/last_modified", sink);
    }
}

/// How long after the project's end a report or publication about it may
/// be dated (rule `dates.outside_project`): final and regional reports,
/// articles and news about the results follow the end of the work (an
/// end-of-project regional report two months after it); half a year covers
/// them and still catches a wrong year.
pub(crate) const REPORTING_GRACE_MONTHS: u32 = 6;

/// Whether an output of `kind` reports on the project, and so may follow its end.
fn reports_on_project(kind: crate::OutputKind) -> bool {
    use crate::OutputKind::*;
    matches!(kind, Report | Article | Summary | NewsItem | BlogPost | Newsletter)
}

fn check_record_dates(dates: &crate::RecordDates, pointer: &str, sink: &mut Sink<'_>) {
    if let (Some(created), Some(modified)) = (dates.created, dates.last_modified) {
        if modified < created {
            sink.emit(
                &DATES_RECORD_DATES,
                pointer,
                format!("the record was last modified on {modified}, before it was created on {created}"),
            );
        }
    }
}

/// Milestones of a known order (application, grant decision, start of work,
/// end of work, final report) do not run backwards: each is compared with
/// the latest earlier-ordered one that is surely later.
pub(crate) fn check_milestones(p: &Project, sink: &mut Sink<'_>) {
    for (i, later) in p.milestones.iter().enumerate() {
        let Some(rank) = later.kind.order() else { continue };
        let earlier = p.milestones.iter().filter(|m| m.kind.order().is_some_and(|r| r < rank));
        if let Some(first) = earlier.filter(|m| m.date.earliest() > later.date.latest()).max_by_key(|m| m.kind.order())
        {
            sink.emit(
                &DATES_MILESTONE_ORDER,
                format!("/milestones/{i}/date"),
                format!(
                    "the {} is dated {} but the {} comes later, {}",
                    later.kind.label(crate::Language::En),
                    later.date,
                    first.kind.label(crate::Language::En),
                    first.date
                ),
            );
        }
    }
}
