//! Money: what each funding part contributes, counted by one rule in every
//! money table (by project, funder, funding kind and implementer) and in the
//! `funding_parts` export, so that they all add up to the same grand total.
//!
//! The rule, for the project's own funding and for each regional part's:
//!
//! - **A part's amount** is its stated amount; without one, its share of the
//!   funding's stated total (computed to the cent, "about" when the share
//!   does not divide the total evenly or the total is not exact); when the
//!   total is stated, the breakdown is complete and this is the only part
//!   without an amount, the rest of the total. Otherwise the part has no
//!   amount: it is still counted as a part, and every sum it enters is "at
//!   least" and says how many parts lack an amount.
//! - **The rest of a budget** not broken down into parts is a contribution of
//!   its own (kind "not broken down", funder and implementer "not stated"):
//!   the stated total less the parts' amounts, when that is more than zero;
//!   with no amount when no total is stated and the breakdown is partial or
//!   empty (a project with no funding recorded has such a rest too), so that
//!   unknown money is never read as none.
//! - **A regional part's money** enters the tables only when its budget is
//!   `additional_to_project`: then its parts and rest are contributions of
//!   the project like the project's own (an additional part with no funding
//!   recorded is a rest with no amount). A part `included_in_project` is
//!   already inside the project's money, and one whose relation is not
//!   stated cannot be added without risking counting a euro twice: neither
//!   is counted anywhere (the export marks them `counted_in_report: false`).
//! - **The funder** of a state grant is the funding's `funder` (a regional
//!   part's, else the project's), else its payers; of any other part (the
//!   implementers' self-financing, other money), the implementers that pay
//!   it: the ministry is never the funder of the self-financing share. A part
//!   that names none, and a rest, are under "not stated" (key `""`).
//! - **The implementer** of a part is its payers (jointly, their ids joined
//!   with `;` as the export writes lists); none, and a rest, "not stated".

use std::borrow::Cow;

use schemars::JsonSchema;
use serde::Serialize;

use super::{Derivation, Figure, LeftOut, Used};
use crate::figure::combine;
use crate::report::Phrase;
use crate::{BudgetRelation, Euros, Exactness, Funding, FundingKind, FundingPart, Id, Language, Money, Project};

/// What money is grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundingDimension {
    /// The project: its own funding and the regional parts' that come on
    /// top of it.
    Project,
    /// Who the money comes from: a state grant's funder, the implementers
    /// paying any other part (see [the rule](self)).
    Funder,
    /// The kind of funding (state grant, self-financing …); the rest of a
    /// budget not broken down into parts has the key `""`.
    FundingKind,
    /// The implementer paying a part (or implementers, jointly).
    Implementer,
}

impl FundingDimension {
    /// Every dimension, in the order the report shows them.
    pub const ALL: [FundingDimension; 4] = [
        FundingDimension::Project,
        FundingDimension::Funder,
        FundingDimension::FundingKind,
        FundingDimension::Implementer,
    ];

    /// Whether its rows grow with the projects (all but
    /// [`FundingDimension::FundingKind`]): an
    /// [`Aggregator`](super::Aggregator) leaves them out past its
    /// [per-project limit](super::Aggregator::per_project_limit), in
    /// [`PartlyPerProject::per_project`](super::PartlyPerProject::per_project).
    ///
    /// ```
    /// use childwelfare::aggregate::FundingDimension;
    ///
    /// assert!(FundingDimension::Funder.is_per_project());
    /// assert!(!FundingDimension::FundingKind.is_per_project());
    /// ```
    pub const fn is_per_project(self) -> bool {
        !matches!(self, FundingDimension::FundingKind)
    }

    /// A heading for people: "by funder".
    pub const fn heading(self) -> &'static str {
        match self {
            FundingDimension::Project => "by project",
            FundingDimension::Funder => "by funder",
            FundingDimension::FundingKind => "by funding kind",
            FundingDimension::Implementer => "by implementer",
        }
    }
}

/// Money in one group. Every money table's rows add up to the same grand
/// total: each contribution (a funding part, or the rest of a budget) is in
/// exactly one row of each table.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[non_exhaustive]
pub struct FundingRow {
    /// What the money is grouped by.
    pub by: FundingDimension,
    /// The project id, funder or implementer ids (joined with `;`) or
    /// funding kind code; `""` for "not stated" or "not broken down".
    pub key: String,
    /// The label.
    pub label: String,
    /// Contributions in the group (funding parts, and rests of budgets not
    /// broken down), with or without an amount.
    pub parts: u64,
    /// Contributions in the group without an amount: when more than zero,
    /// `amount` is "at least" (or "about") and leaves them out.
    pub parts_without_amount: u64,
    /// The sum of the amounts known, exact to the cent, with its exactness;
    /// `None` when no contribution in the group has an amount.
    pub amount: Option<Figure<Money>>,
    /// The contributions without an amount met before the first with one,
    /// for the amount's derivation once there is one.
    #[serde(skip)]
    #[schemars(skip)]
    pending: Vec<LeftOut>,
}

impl FundingRow {
    /// An empty row of `by`, `key` and `label`.
    pub(crate) fn new(by: FundingDimension, key: String, label: String) -> Self {
        FundingRow { by, key, label, parts: 0, parts_without_amount: 0, amount: None, pending: Vec::new() }
    }
}

impl FundingRow {
    /// The amount as a report writes it: `1 200 000 €`, `at least 1 200 000 €
    /// (2 parts without an amount)`, `– (1 part without an amount)`.
    pub fn amount_text(&self) -> String {
        amount_text(self.amount.as_ref().map(|f| f.value), self.parts_without_amount)
    }
}

/// `amount`, followed by how many parts lack one; `–` for no amount (in
/// English; the reports write it in their language).
pub(crate) fn amount_text(amount: Option<Money>, parts_without_amount: u64) -> String {
    crate::report::amount_text(crate::Language::En, amount, parts_without_amount)
}

/// Where a contribution's amount comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountSource {
    /// The part states it.
    Stated,
    /// Computed from the part's share of the funding's stated total.
    ShareOfTotal,
    /// The stated total less the other parts' amounts.
    RestOfTotal,
    /// Not known.
    Unknown,
}

impl AmountSource {
    /// The code the export writes (`""` for unknown).
    pub(crate) const fn code(self) -> &'static str {
        match self {
            AmountSource::Stated => "stated",
            AmountSource::ShareOfTotal => "share_of_total",
            AmountSource::RestOfTotal => "rest_of_total",
            AmountSource::Unknown => "",
        }
    }
}

/// One funding part, or the rest of a budget not broken down into parts.
#[derive(Debug, Clone)]
pub(crate) struct Contribution<'a> {
    /// `project`, or the regional part's id.
    pub(crate) scope: &'a str,
    /// A regional part's budget relation.
    pub(crate) relation: Option<BudgetRelation>,
    /// Whether the report counts it (see the module docs).
    pub(crate) counted: bool,
    /// The part; `None` for the rest of a budget.
    pub(crate) part: Option<&'a FundingPart>,
    /// The part's place in its funding's parts.
    pub(crate) index: usize,
    /// The amount, where known.
    pub(crate) amount: Option<Money>,
    /// Where the amount comes from.
    pub(crate) source: AmountSource,
    /// The funding's stated total, for derivations.
    pub(crate) total: Option<Money>,
    /// Who the money comes from (see the module docs).
    pub(crate) funders: Vec<&'a Id>,
}

impl<'a> Contribution<'a> {
    /// The implementers paying it.
    pub(crate) fn payers(&self) -> &'a [Id] {
        self.part.map_or(&[], |p| p.paid_by.as_slice())
    }

    /// The funding kind's code; `""` for a rest.
    pub(crate) fn kind_code(&self) -> &'static str {
        self.part.map_or("", |p| p.kind.code())
    }

    /// The funder key: ids joined with `;` (borrowed for one or none).
    pub(crate) fn funder_key(&self) -> Cow<'a, str> {
        join(self.funders.iter().map(|&id| id.as_str()))
    }

    /// The implementer key: ids joined with `;` (borrowed for one or none).
    pub(crate) fn implementer_key(&self) -> Cow<'a, str> {
        join(self.payers().iter().map(Id::as_str))
    }

    /// How a derivation names it without its amount, as words:
    /// `lumo/funding/parts/0 (state_grant)`, `lumo/funding, not broken down
    /// into parts`.
    pub(crate) fn named(&self, project: &Project) -> Used {
        let place = match self.scope {
            "project" => format!("{}/funding", project.id),
            part => format!("{}/{part}/funding", project.id),
        };
        match self.part {
            Some(part) => Used::new(format!("{place}/parts/{} ({})", self.index, part.kind.code())),
            None => Used::new(place).text(", ").phrase(Phrase::RecordNotBrokenDown),
        }
    }

    /// How a derivation names it: `lumo/funding/parts/0 (state_grant) = 80 000 €, …`.
    pub(crate) fn record(&self, project: &Project) -> Used {
        let what = self.named(project);
        let total = || self.total.map_or_else(Used::default, |total| Used::default().money(total));
        let share = self.part.and_then(|p| p.share).map_or_else(String::new, |s| s.to_string());
        match (self.source, self.amount) {
            (AmountSource::Stated, Some(amount)) => what.text(" = ").money(amount),
            (AmountSource::ShareOfTotal, Some(amount)) => Used::default()
                .fill(Phrase::RecordShareOfTotal, vec![what.text(" = ").money(amount), Used::new(share), total()]),
            (AmountSource::RestOfTotal, Some(amount)) => {
                Used::default().fill(Phrase::RecordRestOfTotal, vec![what.text(" = ").money(amount), total()])
            }
            _ => what.text(": ").phrase(Phrase::OmittedNoAmount),
        }
    }
}

/// `ids` joined with `;`: borrowed when there are fewer than two.
fn join<'a>(mut ids: impl Iterator<Item = &'a str>) -> Cow<'a, str> {
    let Some(first) = ids.next() else { return Cow::Borrowed("") };
    let Some(second) = ids.next() else { return Cow::Borrowed(first) };
    let mut key = String::with_capacity(first.len() + 1 + second.len());
    for id in [first, second].into_iter().chain(ids) {
        if !key.is_empty() {
            key.push(';');
        }
        key.push_str(id);
    }
    Cow::Owned(key)
}

/// A money row's label, from its dimension and key, in `project` (the
/// first project with the row): the project's name; the names of the
/// funders or implementers its key joins, with ` + ` (`not stated` for
/// none); the funding kind's label (`not broken down` for the rest of a
/// budget). Made when a row first joins a table, not for each project's.
pub(crate) fn row_label(by: FundingDimension, key: &str, project: &Project, language: Language) -> String {
    match by {
        FundingDimension::Project => project.name.best(language).to_owned(),
        FundingDimension::Funder | FundingDimension::Implementer if key.is_empty() => "not stated".to_owned(),
        FundingDimension::Funder | FundingDimension::Implementer => {
            let mut names = String::new();
            // Ids hold no `;` (see `Id`): the key splits into its ids.
            for (n, id) in key.split(';').enumerate() {
                if n > 0 {
                    names.push_str(" + ");
                }
                names.push_str(&super::resources::implementer_name_of(project, id, language));
            }
            names
        }
        FundingDimension::FundingKind if key.is_empty() => "not broken down".to_owned(),
        FundingDimension::FundingKind => {
            key.parse::<FundingKind>().map_or_else(|_| key.to_owned(), |kind| kind.label(language).to_owned())
        }
    }
}

/// Every contribution of a project, counted or not, in the order of the
/// project's funding and then its regional parts'.
pub(crate) fn contributions(project: &Project) -> Vec<Contribution<'_>> {
    let own_funder = project.funding.as_ref().and_then(|f| f.funder.as_ref());
    let mut out = of_funding(project.funding.as_ref(), "project", None, true, own_funder);
    for part in &project.regional_parts {
        let counted = part.budget_relation == Some(BudgetRelation::AdditionalToProject);
        // A regional part with no funding and no money on top has nothing to count.
        if part.funding.is_none() && !counted {
            continue;
        }
        let funder = part.funding.as_ref().and_then(|f| f.funder.as_ref()).or(own_funder);
        out.extend(of_funding(part.funding.as_ref(), part.id.as_str(), part.budget_relation, counted, funder));
    }
    out
}

/// `share` of `total`, to the cent: exact only when the total is exact and
/// the share divides it evenly.
fn share_of(total: Money, share: crate::Percent) -> Option<Money> {
    let product = u128::from(total.euros.cents()) * u128::from(share.hundredths());
    let cents = u64::try_from((product + 5_000) / 10_000).ok()?;
    let exactness =
        if product % 10_000 == 0 { total.exactness } else { combine(total.exactness, Exactness::Approximate) };
    Some(Money { euros: Euros::from_cents(cents), exactness })
}

fn of_funding<'a>(
    funding: Option<&'a Funding>,
    scope: &'a str,
    relation: Option<BudgetRelation>,
    counted: bool,
    funder: Option<&'a Id>,
) -> Vec<Contribution<'a>> {
    let total = funding.and_then(|f| f.total);
    let parts: &[FundingPart] = funding.map_or(&[], |f| f.parts.as_slice());
    let complete = funding.is_none_or(|f| f.parts_complete);
    let mut out: Vec<Contribution<'a>> = parts
        .iter()
        .enumerate()
        .map(|(index, part)| {
            let (amount, source) = match (part.amount, total, part.share) {
                (Some(amount), _, _) => (Some(amount), AmountSource::Stated),
                (None, Some(total), Some(share)) => match share_of(total, share) {
                    Some(amount) => (Some(amount), AmountSource::ShareOfTotal),
                    None => (None, AmountSource::Unknown),
                },
                _ => (None, AmountSource::Unknown),
            };
            let funders: Vec<&Id> = match (part.kind, funder) {
                (FundingKind::StateGrant, Some(funder)) => vec![funder],
                _ => part.paid_by.iter().collect(),
            };
            Contribution { scope, relation, counted, part: Some(part), index, amount, source, total, funders }
        })
        .collect();
    let known: Option<Money> = out.iter().filter_map(|c| c.amount).sum();
    let rest = |total: Money| -> Option<Money> {
        let known = known.unwrap_or(Money::exact(Euros::from_cents(0)));
        let cents = total.euros.cents().checked_sub(known.euros.cents()).filter(|&c| c > 0)?;
        let exactness = if known.exactness.is_exact() { total.exactness } else { Exactness::Approximate };
        Some(Money { euros: Euros::from_cents(cents), exactness })
    };
    let without: Vec<usize> = out.iter().enumerate().filter(|(_, c)| c.amount.is_none()).map(|(i, _)| i).collect();
    let rest_contribution = |amount: Option<Money>, source| Contribution {
        scope,
        relation,
        counted,
        part: None,
        index: parts.len(),
        amount,
        source,
        total,
        funders: Vec::new(),
    };
    match (total, without.as_slice()) {
        // The only part without an amount in a complete breakdown is the rest.
        (Some(total), &[only]) if complete => {
            if let (Some(amount), Some(part)) = (rest(total), out.get_mut(only)) {
                part.amount = Some(amount);
                part.source = AmountSource::RestOfTotal;
            }
        }
        (Some(total), _) => {
            if let Some(amount) = rest(total) {
                out.push(rest_contribution(Some(amount), AmountSource::RestOfTotal));
            }
        }
        (None, _) if !complete || parts.is_empty() => out.push(rest_contribution(None, AmountSource::Unknown)),
        (None, _) => {}
    }
    out
}

/// A sum of money with the number of parts that lack an amount: the sum is
/// "at least" (or "about") when some do.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Sum {
    pub(crate) amount: Option<Money>,
    pub(crate) without: u64,
}

impl Sum {
    pub(crate) fn add(&mut self, amount: Option<Money>) {
        match amount {
            Some(amount) => self.amount = Some(self.amount.map_or(amount, |sum| add_money(sum, amount))),
            None => self.without += 1,
        }
        self.amount = self.amount.map(|money| at_least_if(money, self.without));
    }
}

/// `money`, made "at least" (as [`combine`] does) when `without` parts are left out of it.
pub(crate) fn at_least_if(money: Money, without: u64) -> Money {
    if without == 0 { money } else { Money { exactness: combine(money.exactness, Exactness::AtLeast), ..money } }
}

pub(crate) fn add_money(a: Money, b: Money) -> Money {
    // Beyond `Euros`' range the sum stays at the maximum as "at least".
    a.checked_add(b).unwrap_or(Money { euros: Euros::from_cents(u64::MAX), exactness: Exactness::AtLeast })
}

/// Adds a contribution to a row of a money table.
pub(crate) fn add_to_row(row: &mut FundingRow, amount: Option<Money>, derivation: Option<Box<Derivation>>) {
    row.parts += 1;
    match amount {
        Some(amount) => {
            row.amount = Figure::merge(row.amount.take(), Some(Figure { value: amount, derivation }), add_money);
        }
        None => {
            row.parts_without_amount += 1;
            // The derivation names the part without an amount among those left out.
            let left_out = derivation.map(|d| d.left_out).unwrap_or_default();
            match row.amount.as_mut().and_then(|figure| figure.derivation.as_mut()) {
                Some(own) => own.left_out.extend(left_out),
                None => row.pending.extend(left_out),
            }
        }
    }
    if let Some(own) = row.amount.as_mut().and_then(|figure| figure.derivation.as_mut()) {
        own.left_out.append(&mut row.pending);
    }
    if let Some(figure) = &mut row.amount {
        figure.value = at_least_if(figure.value, row.parts_without_amount);
    }
}

/// Adds `later`, a row of the same group made from later contributions
/// alone, to `row`: the same row as adding those contributions to `row`
/// one by one ([`add_to_row`]).
pub(crate) fn merge_rows(row: &mut FundingRow, mut later: FundingRow) {
    row.parts += later.parts;
    row.parts_without_amount += later.parts_without_amount;
    match (&mut row.amount, later.amount.take()) {
        (_, None) => match row.amount.as_mut().and_then(|figure| figure.derivation.as_mut()) {
            Some(own) => own.left_out.append(&mut later.pending),
            None => row.pending.append(&mut later.pending),
        },
        (None, Some(mut figure)) => {
            // What was waiting for an amount comes before the later row's own.
            if let Some(own) = figure.derivation.as_mut() {
                row.pending.append(&mut own.left_out);
                own.left_out = std::mem::take(&mut row.pending);
            }
            row.amount = Some(figure);
        }
        (Some(_), Some(figure)) => {
            row.amount = Figure::merge(row.amount.take(), Some(figure), add_money);
        }
    }
    if let Some(figure) = &mut row.amount {
        figure.value = at_least_if(figure.value, row.parts_without_amount);
    }
}

/// One project's money rows, made from each counted contribution's amount
/// in each dimension: the rows in the order of their dimension and key, as
/// the tables keep them, each made of its contributions in the order they
/// were added. A row's key stays borrowed from the project until a table
/// that lacks the row takes it.
pub(crate) struct ProjectRows<'p> {
    added: Vec<Added<'p>>,
}

/// A contribution's amount, added to its row in one dimension.
struct Added<'p> {
    by: FundingDimension,
    key: Cow<'p, str>,
    amount: Option<Money>,
    derivation: Option<Box<Derivation>>,
}

impl<'p> ProjectRows<'p> {
    /// Room for `added` contributions in all.
    pub(crate) fn with_capacity(added: usize) -> Self {
        ProjectRows { added: Vec::with_capacity(added) }
    }

    /// Adds a contribution's `amount` to the row of `by` and `key`.
    pub(crate) fn add(
        &mut self,
        by: FundingDimension,
        key: Cow<'p, str>,
        amount: Option<Money>,
        derivation: Option<Box<Derivation>>,
    ) {
        self.added.push(Added { by, key, amount, derivation });
    }

    /// The rows, each with its key (the row's own key and label are left
    /// empty: a table that has the row already needs neither, see
    /// [`row_label`]), the keys copied out of the project into one text so
    /// that the rows can be kept apart from it.
    pub(crate) fn into_rows(mut self) -> OwnedRows {
        // Stable: a row's contributions keep the order they were added in.
        self.added.sort_by(|a, b| (a.by, &*a.key).cmp(&(b.by, &*b.key)));
        let same = |a: &Added<'_>, b: &Added<'_>| a.by == b.by && a.key == b.key;
        let distinct = 1 + self.added.windows(2).filter(|pair| !same(&pair[0], &pair[1])).count();
        let mut rows = OwnedRows { keys: String::new(), rows: Vec::with_capacity(distinct) };
        let mut last: Option<(FundingDimension, Cow<'p, str>)> = None;
        for added in self.added {
            if !last.as_ref().is_some_and(|(by, key)| *by == added.by && *key == added.key) {
                rows.keys.push_str(&added.key);
                rows.rows.push((rows.keys.len(), FundingRow::new(added.by, String::new(), String::new())));
                last = Some((added.by, added.key));
            }
            if let Some((_, row)) = rows.rows.last_mut() {
                add_to_row(row, added.amount, added.derivation);
            }
        }
        rows
    }
}

/// One project's money rows, in the order of their dimension and key, each
/// beside its key, the keys kept together in one text.
#[derive(Debug, Default)]
pub(crate) struct OwnedRows {
    /// The rows' keys, one after another.
    keys: String,
    /// Each row, and where its key ends in `keys`.
    rows: Vec<(usize, FundingRow)>,
}

impl OwnedRows {
    /// Hands each row, in order, to `f` beside its key, leaving none here
    /// (the lists keep their memory).
    pub(crate) fn each(&mut self, mut f: impl FnMut(&str, FundingRow)) {
        let mut start = 0;
        for (end, row) in self.rows.drain(..) {
            f(self.keys.get(start..end).unwrap_or_default(), row);
            start = end;
        }
        self.keys.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_projects_rows_are_those_of_a_table_by_dimension_and_key() {
        use FundingDimension::{Funder, FundingKind as Kind, Implementer, Project};
        let euros = |cents: u64| Some(Money::exact(Euros::from_cents(cents)));
        // Keys out of order and repeated, amounts missing before and after
        // known ones, in every dimension.
        let added = [
            (Funder, "b", euros(100)),
            (Funder, "a", None),
            (Project, "p", euros(5)),
            (Funder, "b", None),
            (Kind, "", euros(7)),
            (Funder, "a", euros(3)),
            (Implementer, "x;y", None),
            (Kind, "state_grant", None),
            (Funder, "b", euros(1)),
            (Kind, "", None),
            (Implementer, "x", euros(2)),
        ];
        for explain in [false, true] {
            let mut rows = ProjectRows::with_capacity(0);
            let mut plainly: std::collections::BTreeMap<(FundingDimension, String), FundingRow> = Default::default();
            // Several times over, so that a sort that does not keep the order
            // of equal keys would show.
            for (at, &(by, key, amount)) in added.iter().cycle().take(4 * added.len()).enumerate() {
                let derivation = || {
                    explain.then(|| {
                        let mut derivation = Derivation::new(
                            super::super::Clause::new(crate::report::Phrase::RuleJudgements),
                            vec![super::super::Used::new(format!("record {at}"))],
                        );
                        if amount.is_none() {
                            derivation
                                .left_out
                                .push(LeftOut::new(format!("part {at}"), super::super::Omission::NoAmount));
                        }
                        Box::new(derivation)
                    })
                };
                rows.add(by, Cow::Borrowed(key), amount, derivation());
                let row = plainly
                    .entry((by, key.to_owned()))
                    .or_insert_with(|| FundingRow::new(by, key.to_owned(), String::new()));
                add_to_row(row, amount, derivation());
            }
            let plainly: Vec<FundingRow> = plainly.into_values().collect();
            assert_eq!(plainly.len(), 7);
            // Each row with its key beside it, the row's own empty.
            let mut made: Vec<FundingRow> = Vec::new();
            rows.into_rows().each(|key, mut row| {
                assert!(row.key.is_empty() && row.label.is_empty());
                row.key = key.to_owned();
                made.push(row);
            });
            assert_eq!(made, plainly);
        }
    }

    #[test]
    fn payers_are_named_and_keyed_in_order_whether_listed_named_or_not() {
        let mut project = crate::corpus::Generator::new(3).project(0);
        let mut unnamed = project.implementers[0].clone();
        unnamed.id = Id::new("unnamed").unwrap();
        unnamed.name = None;
        project.implementers.push(unnamed.clone());
        let first = project.implementers[0].id.clone();
        let unlisted = Id::new("not-listed").unwrap();
        let ids = [&first, &unnamed.id, &unlisted];
        for language in [Language::Fi, Language::En] {
            let expected = [
                project.implementers[0].display_name(language),
                unnamed.display_name(language),
                "not-listed".to_owned(),
            ];
            let key = join(ids.iter().map(|id| id.as_str()));
            for by in [FundingDimension::Funder, FundingDimension::Implementer] {
                assert_eq!(row_label(by, &key, &project, language), expected.join(" + "));
                assert_eq!(row_label(by, "", &project, language), "not stated");
            }
            let name = project.name.best(language);
            assert_eq!(row_label(FundingDimension::Project, project.id.as_str(), &project, language), name);
            let grant = FundingKind::StateGrant;
            assert_eq!(
                row_label(FundingDimension::FundingKind, grant.code(), &project, language),
                grant.label(language)
            );
            assert_eq!(row_label(FundingDimension::FundingKind, "", &project, language), "not broken down");
        }
        assert_eq!(join(ids.iter().map(|id| id.as_str())), format!("{first};unnamed;not-listed"));
        assert_eq!(join(ids[..2].iter().map(|id| id.as_str())), format!("{first};unnamed"));
        assert!(matches!(join(ids[..1].iter().map(|id| id.as_str())), Cow::Borrowed(key) if key == first.as_str()));
        assert!(matches!(join(std::iter::empty()), Cow::Borrowed("")));
    }

    #[test]
    fn a_share_of_a_total_is_exact_only_when_it_divides_evenly() {
        let total = Money::exact(Euros::from_cents(16_000_000));
        let eighty = crate::Percent::from_hundredths(8_000).unwrap();
        assert_eq!(share_of(total, eighty), Some(Money::exact(Euros::from_cents(12_800_000))));
        let odd = Money::exact(Euros::from_cents(100_001));
        let about = share_of(odd, eighty).unwrap();
        assert_eq!(about.exactness, Exactness::Approximate);
        assert_eq!(about.euros.cents(), (100_001 * 8_000 + 5_000) / 10_000);
    }

    #[test]
    fn amount_text_says_how_many_parts_lack_an_amount() {
        let money = Money { euros: Euros::from_cents(120_000_000), exactness: Exactness::AtLeast };
        assert_eq!(amount_text(Some(money), 2), "at least 1 200 000 € (2 parts without an amount)");
        assert_eq!(amount_text(None, 1), "– (1 part without an amount)");
        assert_eq!(amount_text(None, 0), "–");
    }
}
