//! The rule that counts each figure of a group of held events once: a
//! figure that another figure of the group includes (one above it on its
//! `part_of` chain) is left out, and of two figures that may overlap the
//! smaller is left out of the low end.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use super::forest::Forest;
use super::record;
use crate::{Count, Event, Project};

/// A held event with a figure: the event, its figure and its id's node.
pub(crate) type Held<'a> = (&'a Event, Count, Option<usize>);

/// The figures of a group of held events that are counted: those that no
/// other figure of the group includes, with the ones that may overlap.
pub(crate) struct Counted<'a> {
    /// Each counted event, its figure and its node.
    pub(crate) figures: Vec<Held<'a>>,
    /// The nodes of the figures left out of the low end, each the smaller
    /// of a pair that may overlap.
    pub(crate) excluded: HashSet<Option<usize>>,
    /// The pairs of figures that may overlap, each `project/record`.
    pub(crate) overlaps: Vec<(String, String)>,
    /// The events with a figure that are not counted, each with the node
    /// of the first figure above it that includes it, in the order of the
    /// held events.
    pub(crate) inside: Vec<(&'a Event, usize)>,
}

/// Whether [`counted_figures`] counts every figure of `held`, none lying
/// inside another: none may (`may_nest` is false, see
/// [`Nesting`](super::contribution::Nesting)), or none with a figure is
/// part of another event.
pub(crate) fn all_counted(held: &[&Event], figure: impl Fn(&Event) -> Option<Count>, may_nest: bool) -> bool {
    !may_nest || held.iter().all(|e| e.part_of.is_none() || figure(e).is_none())
}

/// The figures of `held` that are counted once (see [`Counted`]). Unless
/// `may_nest`, none lies inside another
/// ([`Nesting`](super::contribution::Nesting)) and their chains are
/// not looked up.
pub(crate) fn counted_figures<'a>(
    project: &Project,
    held: &[&'a Event],
    forest: &Forest<'_>,
    figure: impl Fn(&Event) -> Option<Count>,
    may_nest: bool,
) -> Counted<'a> {
    let (counted, inside) = inside_others(held, forest, &figure, may_nest);
    if counted.iter().all(|(event, _, _)| event.possible_overlaps.is_empty()) {
        return Counted { figures: counted, excluded: HashSet::default(), overlaps: Vec::new(), inside };
    }
    // The counted event a record's figure lies in: the first counted on its
    // chain, itself included; and each counted id's figure (the first, if
    // the id repeats).
    let mut value_of: HashMap<usize, Count> = HashMap::with_capacity(counted.len());
    for (_, count, node) in &counted {
        if let Some(node) = node {
            value_of.entry(*node).or_insert(*count);
        }
    }
    let withs = counted
        .iter()
        .flat_map(|(e, _, _)| e.possible_overlaps.iter().map(|overlap| forest.event_node(overlap.with.as_str())));
    let representatives = forest.first_marked(counted.iter().filter_map(|(_, _, node)| *node), withs, <[_]>::to_vec);
    let mut representatives = representatives.into_iter();
    let mut excluded: HashSet<Option<usize>> = HashSet::new();
    let mut overlaps = Vec::new();
    for (event, count, node) in &counted {
        for _ in &event.possible_overlaps {
            let Some(other) = representatives.next().flatten() else { continue };
            if Some(other) == *node {
                continue;
            }
            let other_count = value_of.get(&other).copied().unwrap_or(*count);
            // The smaller figure may lie within the larger: leave it out of the low end.
            let smaller = if count.value <= other_count.value { *node } else { Some(other) };
            if excluded.insert(smaller) {
                overlaps.push((record(project, event.id.as_str()), record(project, forest.name(other))));
            }
        }
    }
    Counted { figures: counted, excluded, overlaps, inside }
}

/// Whether some figure of `held` lies inside another (what
/// [`Counted::inside`] lists), without the rest of [`counted_figures`].
pub(crate) fn any_inside(held: &[&Event], forest: &Forest<'_>, figure: impl Fn(&Event) -> Option<Count>) -> bool {
    if all_counted(held, &figure, true) {
        return false;
    }
    // As `inside_others` finds them, without listing the figures: the
    // sweep's buffers are the thread's.
    let with_figure = || held.iter().filter(|e| figure(e).is_some());
    forest.first_marked(
        with_figure().filter_map(|e| forest.nodes_of(e).0),
        with_figure().map(|e| forest.nodes_of(e).1),
        |above| with_figure().zip(above).any(|(e, &first)| includer(first, forest.nodes_of(e).0).is_some()),
    )
}

/// The node of the figure that includes a figure whose id's node is
/// `node`, given `first`, the first marked node on its chain from its
/// parent: that one, unless there is none or it is the figure itself, come
/// round a cycle (see [`counted_figures`]).
fn includer(first: Option<usize>, node: Option<usize>) -> Option<usize> {
    first.filter(|&first| Some(first) != node)
}

/// The first step of [`counted_figures`]: `held`'s figures, those counted
/// apart from those inside another (each with the node of the figure that
/// includes it).
fn inside_others<'a>(
    held: &[&'a Event],
    forest: &Forest<'_>,
    figure: impl Fn(&Event) -> Option<Count>,
    may_nest: bool,
) -> (Vec<Held<'a>>, Vec<(&'a Event, usize)>) {
    // Each held event with a figure, with its id's node (room for them all
    // at once, once one has a figure).
    let mut figures = held.iter().filter_map(|e| figure(e).map(|c| (*e, c, forest.nodes_of(e).0)));
    let mut with_figure: Vec<Held<'a>> = Vec::new();
    if let Some(first) = figures.next() {
        with_figure.reserve_exact(held.len());
        with_figure.push(first);
        with_figure.extend(figures);
    }
    // A figure is counted unless its chain of ancestors (cut where it comes
    // back to the event or repeats) passes an event of the group with a
    // figure, which already includes it: the first such on the chain from
    // its parent is none, or the event itself come round a cycle.
    // (With no figure on a chain, every figure is counted.)
    if all_counted(held, &figure, may_nest) {
        (with_figure, Vec::new())
    } else {
        let mut counted: Vec<Held<'a>> = Vec::with_capacity(with_figure.len());
        let mut inside = Vec::with_capacity(with_figure.len());
        forest.first_marked(
            with_figure.iter().filter_map(|(_, _, node)| *node),
            with_figure.iter().map(|(e, _, _)| forest.nodes_of(e).1),
            |above| {
                for (&figure, &first) in with_figure.iter().zip(above) {
                    match includer(first, figure.2) {
                        Some(above) => inside.push((figure.0, above)),
                        None => counted.push(figure),
                    }
                }
            },
        );
        (counted, inside)
    }
}
