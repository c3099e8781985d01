//! Figures you can trust (issue 18): money that says what it knows, outputs
//! counted as items, and unknown never shown as zero. Every expected figure
//! is computed from the data, never copied from an output.

use std::collections::BTreeMap;

use childwelfare::aggregate::{self, FundingDimension, Summary};
use childwelfare::corpus::Generator;
use childwelfare::export::{self, Cell, Table};
use childwelfare::{
    BudgetRelation, Count, Document, Euros, Exactness, Funding, FundingKind, FundingPart, Id, Language, Money,
    OutputStatus, Percent, Project, RegionalPart, Text, data, report,
};

/// `amount` added to `sum`; `None` stays `None` until an amount comes.
fn add(sum: Option<Money>, amount: Money) -> Option<Money> {
    Some(sum.map_or(amount, |s| s.checked_add(amount).expect("the test's sums fit")))
}

/// A sum that leaves out parts is "at least".
fn at_least_if(sum: Option<Money>, without: u64) -> Option<Money> {
    let unknown = Money { euros: Euros::from_cents(0), exactness: Exactness::AtLeast };
    sum.map(|s| if without == 0 { s } else { s.checked_add(unknown).expect("adding zero fits") })
}

/// A money total: contributions, those without an amount, and the sum.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    parts: u64,
    without: u64,
    amount: Option<Money>,
}

impl Tally {
    fn add(&mut self, amount: Option<Money>) {
        self.parts += 1;
        match amount {
            Some(amount) => self.amount = add(self.amount, amount),
            None => self.without += 1,
        }
    }

    fn finish(mut self) -> Self {
        self.amount = at_least_if(self.amount, self.without);
        self
    }
}

/// Generated projects changed so that the money has every difficulty:
/// amounts only as shares of a stated total, parts without an amount and
/// no total, partial breakdowns, and regional parts on top of the project's
/// budget, inside it, or of an unknown relation.
fn corpus(seed: u64, count: u64) -> Vec<Project> {
    let generator = Generator::new(seed);
    (0..count)
        .map(|index| {
            let mut project = generator.project(index);
            let funding = project.funding.as_mut().expect("generated projects are funded");
            match index % 6 {
                // The state grant's amount follows from its share of the total.
                1 => funding.parts[0].amount = None,
                // No total: the self-financing share's amount is unknown.
                2 => {
                    funding.total = None;
                    funding.parts[1].amount = None;
                }
                // Only the state grant is given, and no total.
                3 => {
                    funding.total = None;
                    funding.parts.truncate(1);
                    funding.parts_complete = false;
                }
                // No funding recorded at all.
                4 => project.funding = None,
                _ => {}
            }
            let relation = match index % 4 {
                0 => Some(BudgetRelation::AdditionalToProject),
                1 => Some(BudgetRelation::IncludedInProject),
                2 => None,
                _ => return project,
            };
            let mut part = RegionalPart::new(
                Id::new(format!("p{index}-extra")).expect("a valid id"),
                Text::fi("Alueellinen osa"),
                Vec::new(),
            );
            part.budget_relation = relation;
            let mut grant = FundingPart::new(FundingKind::StateGrant);
            grant.amount = Some(Money::exact(Euros::from_cents((index + 1) * 1_000_000)));
            let mut own = FundingPart::new(FundingKind::SelfFinancing);
            own.paid_by = project.implementers.iter().skip(2).take(1).map(|i| i.id.clone()).collect();
            let mut funding = Funding::default();
            funding.parts = vec![grant, own];
            part.funding = Some(funding);
            project.regional_parts.push(part);
            project
        })
        .collect()
}

fn documents(projects: &[Project]) -> Vec<Document> {
    projects.iter().cloned().map(Document::from).collect()
}

/// A table's rows, summed.
fn table_total(summary: &Summary, by: FundingDimension) -> Tally {
    let mut tally = Tally::default();
    for row in summary.funding(by).unwrap() {
        tally.parts += row.parts;
        tally.without += row.parts_without_amount;
        if let Some(figure) = &row.amount {
            tally.amount = add(tally.amount, figure.value);
        }
    }
    tally.finish()
}

/// The grand total, from the documents: a funding's stated total, or the
/// sum of its parts (each part without an amount left out, and an unknown
/// rest when the breakdown is partial or empty); a regional part's only when
/// it comes on top of the project's budget.
fn expected_grand_total(projects: &[Project]) -> Tally {
    let mut tally = Tally::default();
    let mut funding = |funding: Option<&Funding>| {
        let Some(funding) = funding.filter(|f| f.total.is_some() || !f.parts.is_empty()) else {
            tally.add(None);
            return;
        };
        match funding.total {
            // The generated parts never exceed their total: the parts and rest make it up.
            Some(total) => tally.add(Some(total)),
            None => {
                funding.parts.iter().for_each(|part| tally.add(part.amount));
                if !funding.parts_complete {
                    tally.add(None);
                }
            }
        }
    };
    for project in projects {
        funding(project.funding.as_ref());
        for part in &project.regional_parts {
            if part.budget_relation == Some(BudgetRelation::AdditionalToProject) {
                funding(part.funding.as_ref());
            }
        }
    }
    // Parts are counted as contributions by the library; only the amount and
    // whether some are left out are compared here.
    tally.finish()
}

#[test]
fn every_money_table_adds_up_to_the_same_grand_total() {
    for seed in [3, 18, 2026] {
        let projects = corpus(seed, 24);
        let summary = aggregate::summarise(&documents(&projects), false);
        let totals: Vec<Tally> = FundingDimension::ALL.iter().map(|&by| table_total(&summary, by)).collect();
        for (by, total) in FundingDimension::ALL.iter().zip(&totals) {
            assert_eq!(*total, totals[0], "seed {seed}: money {} against money by project", by.heading());
        }
        let expected = expected_grand_total(&projects);
        assert_eq!(totals[0].amount, expected.amount, "seed {seed}");
        assert_eq!(totals[0].without > 0, expected.without > 0, "seed {seed}");
        assert_eq!(totals[0].amount.map(|m| m.exactness), Some(Exactness::AtLeast), "seed {seed}: parts lack amounts");
        // The projects side by side say the same.
        let mut rows = Tally::default();
        for row in summary.project_rows.rows().unwrap() {
            rows.without += row.budget_parts_without_amount;
            if let Some(budget) = row.budget {
                rows.amount = add(rows.amount, budget);
            }
        }
        let rows = rows.finish();
        assert_eq!((rows.amount, rows.without), (totals[0].amount, totals[0].without), "seed {seed}");
    }
}

/// The export's funding rows counted in the report, grouped by `column`.
fn grouped(projects: &[Project], column: &str) -> BTreeMap<String, Tally> {
    let mut groups: BTreeMap<String, Tally> = BTreeMap::new();
    for document in documents(projects) {
        for row in export::rows(&document, Table::FundingParts, Language::Fi) {
            if row.get("counted_in_report") != Some(&Cell::Bool(true)) {
                continue;
            }
            let key = match row.get(column) {
                Some(Cell::Text(text)) => text.clone(),
                _ => String::new(),
            };
            let amount = match (row.get("amount"), row.get("amount_exactness")) {
                (Some(Cell::Text(euros)), Some(Cell::Text(exactness))) => Some(Money {
                    euros: euros.parse().expect("an exported amount"),
                    exactness: Exactness::from_code(exactness).expect("an exactness code"),
                }),
                _ => None,
            };
            groups.entry(key).or_default().add(amount);
        }
    }
    groups.into_iter().map(|(key, tally)| (key, tally.finish())).collect()
}

#[test]
fn exported_funding_rows_grouped_by_any_column_give_the_report_figures() {
    let columns = [
        (FundingDimension::Project, "project"),
        (FundingDimension::Funder, "funder"),
        (FundingDimension::FundingKind, "kind"),
        (FundingDimension::Implementer, "paid_by"),
    ];
    for seed in [5, 18] {
        let projects = corpus(seed, 24);
        let summary = aggregate::summarise(&documents(&projects), false);
        for (by, column) in columns {
            let report: BTreeMap<String, Tally> = summary
                .funding
                .rows()
                .unwrap()
                .filter(|r| r.by == by)
                .map(|r| {
                    let tally = Tally {
                        parts: r.parts,
                        without: r.parts_without_amount,
                        amount: r.amount.as_ref().map(|f| f.value),
                    };
                    (r.key.clone(), tally)
                })
                .collect();
            assert_eq!(grouped(&projects, column), report, "seed {seed}: `{column}` against money {}", by.heading());
        }
        // The implementers' own share comes from them, not from the ministry.
        for document in documents(&projects) {
            for row in export::rows(&document, Table::FundingParts, Language::Fi) {
                if row.get("kind") == Some(&Cell::from(FundingKind::SelfFinancing.code())) {
                    assert_eq!(row.get("funder"), row.get("paid_by"), "seed {seed}: {row:?}");
                    assert_ne!(row.get("funder"), Some(&Cell::from("stm")), "seed {seed}: {row:?}");
                }
            }
        }
    }
}

#[test]
fn money_by_funder_says_at_least_where_a_part_has_no_amount() {
    // The seed data: LUMO's 80 % state grant has no amount and no total to take it from.
    let seed = data::seed();
    let summary = aggregate::summarise(&seed, false);
    let lumo = data::lumo();
    let funder = lumo.funding.as_ref().and_then(|f| f.funder.clone()).expect("LUMO names its funder");
    let grants_without_amount = lumo
        .funding
        .iter()
        .flat_map(|f| &f.parts)
        .filter(|p| p.kind == FundingKind::StateGrant && p.amount.is_none())
        .count() as u64;
    assert!(grants_without_amount > 0);
    let row = |summary: &Summary| {
        summary
            .funding
            .rows()
            .unwrap()
            .find(|r| r.by == FundingDimension::Funder && r.key == funder.as_str())
            .cloned()
            .expect("a row for the funder")
    };
    assert_eq!(row(&summary).parts_without_amount, grants_without_amount);
    let text = report::render(&summary, report::Format::Text, false);
    let unknown = format!("– ({grants_without_amount} part without an amount)");
    assert!(text.contains(&unknown), "{text}");

    // With projects whose grants the same ministry gives with amounts, the
    // sum is "at least" theirs and says how many parts it leaves out.
    let generator = Generator::new(18);
    let mut documents = seed.clone();
    let mut known = None;
    for index in 0..4 {
        let project = generator.project(index);
        for part in project.funding.iter().flat_map(|f| &f.parts) {
            if part.kind == FundingKind::StateGrant {
                known = add(known, part.amount.expect("generated grants have amounts"));
            }
        }
        documents.push(project.into());
    }
    let summary = aggregate::summarise(&documents, false);
    let row = row(&summary);
    let expected = at_least_if(known, grants_without_amount).expect("a sum");
    assert_eq!(expected.exactness, Exactness::AtLeast);
    assert_eq!(row.amount.as_ref().map(|f| f.value), Some(expected));
    assert_eq!(row.parts_without_amount, grants_without_amount);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains(&format!("{expected} ({grants_without_amount} part without an amount)")), "{text}");
    assert!(expected.to_string().starts_with("at least "));
}

#[test]
fn an_amount_follows_from_a_share_of_a_known_total_and_says_so() {
    let mut lumo = data::lumo();
    let total = Money::exact(Euros::from_cents(16_000_000));
    lumo.funding.as_mut().expect("LUMO is funded").total = Some(total);
    let shares: Vec<(FundingKind, Percent)> =
        lumo.funding.iter().flat_map(|f| &f.parts).filter_map(|p| p.share.map(|s| (p.kind, s))).collect();
    let summary = aggregate::summarise(&[lumo.clone().into()], true);
    for (kind, share) in shares {
        let cents = total.euros.cents() * u64::from(share.hundredths()) / 10_000;
        let row = summary
            .funding
            .rows()
            .unwrap()
            .find(|r| r.by == FundingDimension::FundingKind && r.key == kind.code())
            .expect("a row per kind");
        let figure = row.amount.as_ref().expect("an amount from the share");
        assert_eq!(figure.value, Money::exact(Euros::from_cents(cents)), "{kind:?}");
        assert_eq!(row.parts_without_amount, 0);
        let derivation = figure.derivation.as_ref().expect("explained").to_string();
        assert!(derivation.contains(&format!("computed from its share {share} of the total {total}")), "{derivation}");
    }
    let row = &summary.project_rows.rows().unwrap()[0];
    assert_eq!((row.budget, row.budget_parts_without_amount), (Some(total), 0));
    let exported = export::rows(&lumo.into(), Table::FundingParts, Language::Fi);
    assert!(exported.iter().all(|r| r.get("amount_source") == Some(&Cell::from("share_of_total"))));
}

#[test]
fn a_regional_part_on_top_does_not_stand_for_an_unknown_project_budget() {
    // LUMO states no amounts; a regional part on top of its budget states 50 000 €.
    let mut lumo = data::lumo();
    let amount = Money::exact(Euros::from_cents(5_000_000));
    let mut part = RegionalPart::new(Id::new("lumo-extra").unwrap(), Text::fi("Lisäosa"), Vec::new());
    part.budget_relation = Some(BudgetRelation::AdditionalToProject);
    let mut funding = Funding::default();
    funding.total = Some(amount);
    part.funding = Some(funding);
    lumo.regional_parts.push(part);
    let unknown_parts = lumo.funding.iter().flat_map(|f| &f.parts).filter(|p| p.amount.is_none()).count() as u64;
    let mut documents = data::seed();
    documents.retain(|d| !matches!(d, Document::Project(p) if p.id == lumo.id));
    documents.push(lumo.clone().into());
    let summary = aggregate::summarise(&documents, false);
    let row = summary.project_rows.rows().unwrap().iter().find(|r| r.id == lumo.id).expect("LUMO's row");
    let at_least = at_least_if(Some(amount), unknown_parts);
    assert_eq!((row.budget, row.budget_parts_without_amount), (at_least, unknown_parts));
    // The programme does not take the regional part's money for LUMO's budget.
    let programme = &summary.programme_totals[0];
    assert!(programme.projects_without_budget.contains(&lumo.id));
    assert_eq!(programme.projects_budget.as_ref().map(|f| f.value), at_least);
    // Every money table has it, once.
    for by in FundingDimension::ALL {
        let total = table_total(&summary, by);
        assert_eq!(total.amount, at_least, "money {}", by.heading());
    }
}

#[test]
fn outputs_are_counted_as_items_planned_apart_from_produced() {
    let lumo = data::lumo();
    let summary = aggregate::summarise(&[lumo.clone().into()], false);
    let counted_parents: Vec<&Id> = lumo.outputs.iter().filter(|o| o.count.is_some()).map(|o| &o.id).collect();
    let parents: Vec<&Id> = lumo.outputs.iter().filter_map(|o| o.part_of.as_ref()).collect();
    let items = |output: &childwelfare::Output| match output.count {
        _ if output.part_of.as_ref().is_some_and(|p| counted_parents.contains(&p)) => None,
        Some(count) => Some(count),
        None if parents.contains(&&output.id) => None,
        None => Some(Count::at_least(1)),
    };
    for row in &summary.outputs {
        let in_row: Vec<Count> = lumo
            .outputs
            .iter()
            .filter(|o| o.kind.code() == row.kind && o.status.code() == row.status)
            .filter_map(items)
            .collect();
        let expected = (!in_row.is_empty()).then(|| in_row.into_iter().sum::<Count>());
        assert_eq!(row.count.as_ref().map(|f| f.value), expected, "{} {}", row.kind, row.status);
    }
    // Operating models: every record without a count is at least one item.
    let models: Vec<&childwelfare::Output> =
        lumo.outputs.iter().filter(|o| o.kind == childwelfare::OutputKind::OperatingModel).collect();
    assert!(models.iter().any(|o| o.count.is_none()));
    let model_items: u64 = summary
        .outputs
        .iter()
        .filter(|r| r.kind == "operating_model")
        .filter_map(|r| r.count.as_ref())
        .map(|f| f.value.value)
        .sum();
    assert!(model_items >= models.len() as u64);
    // The projects side by side: produced items, with "at least".
    let produced: Count =
        lumo.outputs.iter().filter(|o| o.status != OutputStatus::Planned).filter_map(items).sum::<Count>();
    assert_eq!(summary.project_rows.rows().unwrap()[0].outputs, Some(produced));
    assert_eq!(produced.exactness, Exactness::AtLeast);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains(&produced.to_string()), "{text}");

    // Planned items are apart: a project whose outputs are all planned has no produced items.
    let mut planned = data::tulevaisuuden_lastensuojelu();
    planned.outputs.iter_mut().for_each(|o| o.status = OutputStatus::Planned);
    let summary = aggregate::summarise(&[planned.clone().into()], false);
    assert_eq!(summary.project_rows.rows().unwrap()[0].outputs, None);
    let planned_items: Count = planned.outputs.iter().filter_map(items).sum::<Count>();
    let in_table: Count = summary.outputs.iter().filter_map(|r| r.count.as_ref()).map(|f| f.value).sum::<Count>();
    assert_eq!(in_table, planned_items);
    assert!(summary.outputs.iter().all(|r| r.status == OutputStatus::Planned.code()));
}

#[test]
fn no_objectives_recorded_is_shown_as_such_never_as_zero_unjudged() {
    let mut project = data::tulevaisuuden_lastensuojelu();
    project.objectives.clear();
    project.assessments.iter_mut().for_each(|a| a.judgements.clear());
    let document: Document = project.into();
    let summary = aggregate::summarise(std::slice::from_ref(&document), false);
    assert_eq!(summary.project_rows.rows().unwrap()[0].unjudged_objectives, None);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains("no objectives recorded"), "{text}");
    let json: serde_json::Value =
        serde_json::from_str(&report::render(&summary, report::Format::Json, false)).expect("JSON");
    assert_eq!(json["project_rows"][0]["unjudged_objectives"], serde_json::Value::Null);
    let exported = export::rows(&document, Table::Projects, Language::Fi);
    assert_eq!(exported[0].get("unjudged_objectives"), Some(&Cell::Empty));

    // With objectives, the figure is the objectives no assessment judges.
    let tl = data::tulevaisuuden_lastensuojelu();
    let judged: Vec<&Id> = tl.assessments.iter().flat_map(|a| &a.judgements).map(|j| &j.objective).collect();
    let unjudged = tl.objectives.iter().filter(|o| !judged.contains(&&o.id)).count() as u64;
    let summary = aggregate::summarise(&[tl.into()], false);
    assert_eq!(summary.project_rows.rows().unwrap()[0].unjudged_objectives, Some(unjudged));
}

#[test]
fn no_amount_is_shown_as_such_in_text_json_and_exports() {
    // Tulevaisuuden lastensuojelu names its funder but no amounts.
    let tl = data::tulevaisuuden_lastensuojelu();
    assert!(tl.funding.as_ref().is_some_and(|f| f.total.is_none() && f.parts.is_empty()));
    let document: Document = tl.into();
    let summary = aggregate::summarise(std::slice::from_ref(&document), false);
    let row = &summary.project_rows.rows().unwrap()[0];
    assert_eq!((row.budget, row.budget_parts_without_amount), (None, 1));
    let json: serde_json::Value =
        serde_json::from_str(&report::render(&summary, report::Format::Json, false)).expect("JSON");
    assert_eq!(json["project_rows"][0]["budget"], serde_json::Value::Null);
    assert_eq!(json["project_rows"][0]["budget_parts_without_amount"], 1);
    let text = report::render(&summary, report::Format::Text, false);
    assert!(text.contains("– (1 part without an amount)"), "{text}");
    let exported = export::rows(&document, Table::FundingParts, Language::Fi);
    assert_eq!(exported.len(), 1);
    assert_eq!(exported[0].get("amount"), Some(&Cell::Empty));
    assert_eq!(exported[0].get("counted_in_report"), Some(&Cell::Bool(true)));
}

#[test]
fn a_money_derivation_names_every_part_without_an_amount_among_those_left_out() {
    let projects = corpus(8, 40);
    let mut aggregator = childwelfare::aggregate::Aggregator::new().explain(true);
    documents(&projects).iter().for_each(|d| aggregator.add(d));
    let summary = aggregator.finish();
    let mut checked = 0;
    for row in summary.funding.rows().unwrap() {
        let Some(derivation) = row.amount.as_ref().and_then(|f| f.derivation.as_ref()) else { continue };
        let without: Vec<_> =
            derivation.left_out.iter().filter(|l| l.why == childwelfare::aggregate::Omission::NoAmount).collect();
        // Every part without an amount is named, whether it came before or
        // after the first part with one; the parts used are the others.
        assert_eq!(without.len() as u64, row.parts_without_amount, "{:?} {}", row.by, row.key);
        assert_eq!(derivation.records.len() as u64, row.parts - row.parts_without_amount, "{:?} {}", row.by, row.key);
        checked += u64::from(row.parts_without_amount > 0);
    }
    assert!(checked > 0, "the corpus has rows with parts without an amount");
}
