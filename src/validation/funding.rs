//! The funding and staffing rules: shares and amounts against the total,
//! each stated amount against its stated share, regional budgets inside the
//! project's, and staffing entries that add no staff time.

use super::Sink;
use super::rules::*;
use crate::money::{cents_text, percent_text};
use crate::{BudgetRelation, Funding, FundingPart, Language, Project};

pub(crate) fn check_funding(p: &Project, sink: &mut Sink<'_>) {
    let regional =
        p.regional_parts.iter().enumerate().filter_map(|(i, part)| {
            part.funding.as_ref().map(|funding| (funding, format!("/regional_parts/{i}/funding")))
        });
    for (funding, at) in p.funding.iter().map(|f| (f, "/funding".to_owned())).chain(regional) {
        check_shares(funding, &at, sink);
        check_amounts(funding, &at, sink);
        if let Some(total) = funding.total {
            for (i, part) in funding.parts.iter().enumerate() {
                check_amount_against_share(part, total, &format!("{at}/parts/{i}"), sink);
            }
        }
    }
    check_regional_budgets(p, sink);
    for (i, entry) in p.staffing.iter().enumerate() {
        let zero_share = entry.share_of_full_time.is_some_and(|share| share.hundredths() == 0);
        if zero_share || entry.posts == Some(0) {
            let what = if entry.posts == Some(0) { "zero posts" } else { "a share of 0 %" };
            sink.emit(
                &FUNDING_STAFFING_EMPTY,
                format!("/staffing/{i}"),
                format!("staffing entry {i} ({}) has {what}", entry.role),
            );
        }
    }
}

/// `" (a + b)"` for two or more parts; nothing for one, which would only
/// repeat the sum.
fn listing(parts: &[String]) -> String {
    if parts.len() < 2 { String::new() } else { format!(" ({})", parts.join(" + ")) }
}

fn check_shares(funding: &Funding, at: &str, sink: &mut Sink<'_>) {
    let shares: Vec<String> = funding.parts.iter().filter_map(|part| part.share).map(|s| s.to_string()).collect();
    let Some(sum) = funding.share_total_hundredths() else { return };
    let every_part_has_share = shares.len() == funding.parts.len();
    let problem = if sum > 10_000 {
        "more than 100 %"
    } else if funding.parts_complete && every_part_has_share && sum != 10_000 {
        "not 100 %"
    } else {
        return;
    };
    sink.emit(
        &FUNDING_SHARES_TOTAL,
        format!("{at}/parts"),
        format!("the funding shares add up to {}{}, {problem}", percent_text(u128::from(sum)), listing(&shares)),
    );
}

fn check_amounts(funding: &Funding, at: &str, sink: &mut Sink<'_>) {
    let Some(total) = funding.total.filter(|t| t.exactness.is_exact()) else { return };
    let exact: Vec<u64> = funding
        .parts
        .iter()
        .filter_map(|p| p.amount)
        .filter(|a| a.exactness.is_exact())
        .map(|a| a.euros.cents())
        .collect();
    if exact.is_empty() {
        return;
    }
    let sum: u128 = exact.iter().map(|&c| u128::from(c)).sum();
    let stated = u128::from(total.euros.cents());
    let whole_breakdown = funding.parts_complete && exact.len() == funding.parts.len();
    let relation = if sum > stated {
        if whole_breakdown { "add up to" } else { "already add up to" }
    } else if whole_breakdown && sum < stated {
        "add up to only"
    } else {
        return;
    };
    let parts: Vec<String> = exact.iter().map(|&c| cents_text(u128::from(c))).collect();
    sink.emit(
        &FUNDING_PARTS_TOTAL,
        format!("{at}/parts"),
        format!(
            "the funding parts {relation} {}{} but the total is {}; difference {}",
            cents_text(sum),
            listing(&parts),
            cents_text(stated),
            cents_text(sum.abs_diff(stated))
        ),
    );
}

/// The stated share's precision in hundredths of a percent: 80 % is a
/// whole percent (100), 75.5 % a tenth (10), 75.25 % a hundredth (1).
fn precision(hundredths: u32) -> u128 {
    if hundredths % 100 == 0 {
        100
    } else if hundredths % 10 == 0 {
        10
    } else {
        1
    }
}

/// Compares a part's stated amount with its stated share of the total,
/// exactly: share × total within 1 € is fine; an amount that is still a
/// share the stated one rounds from (80 % stands for 79.5–80.5 %) is a
/// warning naming the exact figures; anything else is an error.
fn check_amount_against_share(part: &FundingPart, total: crate::Money, at: &str, sink: &mut Sink<'_>) {
    let (Some(share), Some(amount)) = (part.share, part.amount) else { return };
    let t = u128::from(total.euros.cents());
    if t == 0 {
        return; // the parts-total rule reports parts against a zero total
    }
    let h = u128::from(share.hundredths());
    let a = u128::from(amount.euros.cents());
    // Everything below in cents × 10 000, so that share × total is exact.
    let implied = t * h;
    let stated = a * 10_000;
    let exact = total.exactness.is_exact() && amount.exactness.is_exact();
    if exact && implied.abs_diff(stated) <= 100 * 10_000 {
        return;
    }
    let step = precision(share.hundredths());
    let (low, high) = ((2 * h).saturating_sub(step) * t, (2 * h + step) * t);
    let within_precision = (low..=high).contains(&(2 * stated));
    if within_precision && !exact {
        return; // an approximate figure that the share can be a rounding of
    }
    let implied_cents = (implied + 5_000) / 10_000;
    let real_share = (2 * stated + t) / (2 * t); // in hundredths of a percent, rounded
    let real_share_text =
        if stated % t == 0 { percent_text(real_share) } else { format!("about {}", percent_text(real_share)) };
    let direction = if implied_cents < a { "less" } else { "more" };
    let mut message = format!(
        "the {} of {} is {real_share_text} of {}{}, stated as {share}; {share} would be {}, {} {direction}",
        part.kind.label(Language::En),
        cents_text(a),
        if total.exactness.is_exact() { "" } else { "about " },
        cents_text(t),
        cents_text(implied_cents),
        cents_text(implied_cents.abs_diff(a)),
    );
    if within_precision {
        sink.emit(&FUNDING_AMOUNT_SHARE, at, message);
    } else {
        let range = |x: u128| crate::money::thousandths_text(x * 5);
        message.push_str(&format!(
            ", beyond what {share} can be a rounding of ({}–{} %)",
            range((2 * h).saturating_sub(step)),
            range(2 * h + step)
        ));
        if exact {
            sink.emit(&FUNDING_AMOUNT_SHARE_CONFLICT, at, message);
        } else {
            sink.emit(&FUNDING_AMOUNT_SHARE, at, message);
        }
    }
}

/// The regional parts whose budgets are inside the project's total never
/// add up to more than that total.
fn check_regional_budgets(p: &Project, sink: &mut Sink<'_>) {
    let Some(total) = p.funding.as_ref().and_then(|f| f.total).filter(|t| t.exactness.is_exact()) else { return };
    let included: Vec<(String, u64)> = p
        .regional_parts
        .iter()
        .filter(|part| part.budget_relation == Some(BudgetRelation::IncludedInProject))
        .filter_map(|part| {
            let money = part.funding.as_ref()?.total.filter(|t| t.exactness.is_exact())?;
            Some((format!("`{}` {}", part.id, money.euros), money.euros.cents()))
        })
        .collect();
    let sum: u128 = included.iter().map(|(_, cents)| u128::from(*cents)).sum();
    let stated = u128::from(total.euros.cents());
    if sum > stated {
        let parts: Vec<String> = included.into_iter().map(|(text, _)| text).collect();
        sink.emit(
            &FUNDING_REGIONAL_PARTS_EXCEED,
            "/regional_parts",
            format!(
                "the budgets of the regional parts included in the project's budget add up to {}{} but the project's total is {}; difference {}",
                cents_text(sum),
                listing(&parts),
                cents_text(stated),
                cents_text(sum - stated)
            ),
        );
    }
}
