//! What each column of each table holds: one description, from which the
//! CSV's `datapackage.json`, the Parquet schema, the workbook's cell formats
//! and the Python package's dtypes all come.

use super::Table;

/// The type of the values of a column.
///
/// The same type is written as each format can hold it: CSV and JSON write
/// decimals as text (`"160000.00"`, exact), dates as ISO text and lists
/// joined with `;`, as they always have; Parquet and the workbook hold
/// them as typed values. [`ColumnType::frictionless`],
/// [`ColumnType::pandas_dtype`] and [`ColumnType::arrow`] name the type in
/// other tools.
///
/// ```
/// use childwelfare::export::{ColumnType, Table};
///
/// let attendances = Table::Events.column("attendances").unwrap();
/// assert_eq!(attendances.kind, ColumnType::Integer);
/// // Nullable integers stay integers in pandas.
/// assert_eq!(attendances.kind.pandas_dtype(), "Int64");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ColumnType {
    /// A whole number, zero or more (a signed 64-bit integer in Parquet, so
    /// that pandas and Spark read it as an integer).
    Integer,
    /// An exact decimal number with `scale` digits after the point at most:
    /// text in CSV and JSON (`"160000.00"`), a 128-bit decimal in Parquet.
    Decimal {
        /// The digits after the point.
        scale: u8,
    },
    /// Text: an id, a code or words.
    Text,
    /// Yes or no (`true`, `false`).
    Boolean,
    /// A calendar day, `2020-09-01`.
    Date,
    /// A date as precise as its source, as written in the documents: `2020`,
    /// `2020-autumn`, `2020-09` or `2020-09-01` (text everywhere; its
    /// `_earliest` and `_latest` columns give the days it covers).
    PartialDate,
    /// Several texts, in order: joined with `;` in CSV and JSON (empty when
    /// there are none), a list of strings in Parquet, joined with `; ` in the
    /// workbook.
    List,
}

impl ColumnType {
    /// The type's name: `integer`, `decimal`, `text`, `boolean`, `date`,
    /// `partial_date` or `list`.
    ///
    /// ```
    /// use childwelfare::export::ColumnType;
    /// assert_eq!(ColumnType::PartialDate.name(), "partial_date");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Decimal { .. } => "decimal",
            ColumnType::Text => "text",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
            ColumnType::PartialDate => "partial_date",
            ColumnType::List => "list",
        }
    }

    /// The [Frictionless table schema](https://datapackage.org/standard/table-schema/)
    /// type of the column in a CSV export: `integer`, `number`, `string`,
    /// `boolean` or `date` (a list is a `string` of `;`-joined values).
    ///
    /// ```
    /// use childwelfare::export::ColumnType;
    /// assert_eq!(ColumnType::Decimal { scale: 2 }.frictionless(), "number");
    /// ```
    pub const fn frictionless(self) -> &'static str {
        match self {
            ColumnType::Integer => "integer",
            ColumnType::Decimal { .. } => "number",
            ColumnType::Text | ColumnType::PartialDate | ColumnType::List => "string",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "date",
        }
    }

    /// The pandas dtype that holds the column without loss and keeps an
    /// empty value empty: `Int64` (nullable integers stay integers),
    /// `boolean`, `string`, `datetime64[s]` for dates, and `object` for
    /// decimals (Python's `decimal.Decimal`) and lists (Python lists).
    ///
    /// ```
    /// use childwelfare::export::{ColumnType, Table};
    ///
    /// let dtypes: Vec<(&str, &str)> =
    ///     Table::Projects.columns().iter().map(|c| (c.name, c.kind.pandas_dtype())).collect();
    /// assert!(dtypes.contains(&("events_held", "Int64")));
    /// assert!(dtypes.contains(&("budget", "object")));
    /// assert!(dtypes.contains(&("start_earliest", "datetime64[s]")));
    /// ```
    pub const fn pandas_dtype(self) -> &'static str {
        match self {
            ColumnType::Integer => "Int64",
            ColumnType::Decimal { .. } | ColumnType::List => "object",
            ColumnType::Text | ColumnType::PartialDate => "string",
            ColumnType::Boolean => "boolean",
            ColumnType::Date => "datetime64[s]",
        }
    }

    /// The Arrow (and Parquet) type, as pyarrow, DuckDB and Spark users see
    /// it: `int64`, `decimal128(20, 2)`, `string`, `bool`, `date32`,
    /// `list<string>`.
    ///
    /// ```
    /// use childwelfare::export::ColumnType;
    /// assert_eq!(ColumnType::Decimal { scale: 2 }.arrow(), "decimal128(20, 2)");
    /// assert_eq!(ColumnType::List.arrow(), "list<string>");
    /// ```
    pub const fn arrow(self) -> &'static str {
        match self {
            ColumnType::Integer => "int64",
            // Every decimal exported has two digits after the point.
            ColumnType::Decimal { .. } => "decimal128(20, 2)",
            ColumnType::Text | ColumnType::PartialDate => "string",
            ColumnType::Boolean => "bool",
            ColumnType::Date => "date32",
            ColumnType::List => "list<string>",
        }
    }
}

/// One column of an export table: its name, the type of its values, the
/// unit of a number and what it means.
///
/// ```
/// use childwelfare::export::{ColumnType, Table};
///
/// let amount = Table::FundingParts.column("amount").unwrap();
/// assert_eq!(amount.kind, ColumnType::Decimal { scale: 2 });
/// assert_eq!(amount.unit, Some("euros"));
/// assert!(amount.description.contains("euros"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub struct Column {
    /// The column name, as in the CSV header and the JSON keys.
    pub name: &'static str,
    /// The type of its values.
    pub kind: ColumnType,
    /// What a number counts or measures (`attendances`, `euros`, `percent`
    /// …); `None` for a column that is not a quantity.
    pub unit: Option<&'static str>,
    /// What it means, in English.
    pub description: &'static str,
}

const fn col(name: &'static str, kind: ColumnType, description: &'static str) -> Column {
    Column { name, kind, unit: None, description }
}

const fn qty(name: &'static str, kind: ColumnType, unit: &'static str, description: &'static str) -> Column {
    Column { name, kind, unit: Some(unit), description }
}

use ColumnType::{Boolean, Date, Integer, List, PartialDate, Text};

const EURO: ColumnType = ColumnType::Decimal { scale: 2 };
const PERCENT: ColumnType = ColumnType::Decimal { scale: 2 };

const EXACTNESS: &str = "how exact the figure before it is: exact, approximate, at_least or at_most";

const EVENTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("event", Text, "id of the event"),
    col("title", Text, "title of the event, in the language asked for"),
    col("status", Text, "held, cancelled or planned"),
    col("kinds", List, "codes of the kinds of event"),
    col("scope", Text, "code of the event's scope (national, collaborative_area, regional, local)"),
    col("themes", List, "codes of the themes"),
    col("counties", List, "codes of the counties it reached"),
    col("work_packages", List, "ids of the work packages it belongs to"),
    col("start", PartialDate, "when it started, as precise as the source"),
    col("end", PartialDate, "when it ended, as precise as the source"),
    col("part_of", Text, "id of the event whose figures include this one's"),
    col("possible_overlaps", List, "ids of events whose participants it may share"),
    qty("attendances", Integer, "attendances", "attendances (a person at two sessions counts twice)"),
    col("attendances_exactness", Text, EXACTNESS),
    col(
        "attendances_counted",
        Boolean,
        "whether a project total adds these attendances (held, and not part of an event with a figure)",
    ),
    qty("distinct_people", Integer, "people", "different people who took part"),
    col("distinct_people_exactness", Text, EXACTNESS),
    col("distinct_people_counted", Boolean, "whether a project's distinct people count this figure"),
    qty("sessions", Integer, "sessions", "sessions held"),
    col("sessions_exactness", Text, EXACTNESS),
    col("start_earliest", Date, "the first day `start` may mean"),
    col("start_latest", Date, "the last day `start` may mean"),
    col("end_earliest", Date, "the first day `end` may mean"),
    col("end_latest", Date, "the last day `end` may mean"),
    col("kind_labels", List, "the kinds of event, in the language asked for"),
    col("theme_labels", List, "the themes, in the language asked for"),
    col("county_labels", List, "the counties, in the language asked for"),
];

const OBJECTIVES: &[Column] = &[
    col("project", Text, "id of the project"),
    col("objective", Text, "id of the objective"),
    col("level", Text, "code of its level (overall_aim, objective, sub_objective, intended_result)"),
    col("number", Text, "its number in the project plan"),
    col("parent", Text, "id of the objective it serves"),
    col("statement", Text, "the objective, in the language asked for"),
    col("work_packages", List, "ids of its work packages"),
    col("assessment", Text, "id of the assessment judging it (empty when none does)"),
    col("assessment_source", Text, "who assessed: code of the assessment's source"),
    col("rating", Text, "code of the rating the assessment gave"),
];

const OUTPUTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("output", Text, "id of the output"),
    col("kind", Text, "code of the kind of output"),
    col("status", Text, "code of its status"),
    col("title", Text, "its title, in the language asked for"),
    col("date", PartialDate, "when it was produced, as precise as the source"),
    qty("count", Integer, "items", "items produced"),
    col("count_exactness", Text, EXACTNESS),
    col("part_of", Text, "id of the output it is part of"),
    qty("target", Integer, "items", "items planned"),
    col("target_exactness", Text, EXACTNESS),
    col("work_packages", List, "ids of its work packages"),
    col("date_earliest", Date, "the first day `date` may mean"),
    col("date_latest", Date, "the last day `date` may mean"),
    col("kind_label", Text, "the kind of output, in the language asked for"),
    col("makers", List, "ids of the implementers that made it (schema 1.2)"),
    col("sectors", List, "codes of the service sectors involved (schema 1.2)"),
    col("used_in", List, "where it was used, as the source names the places (schema 1.2)"),
    col("shared", Text, "id of the artefact of several projects it is, counted once across them (schema 1.2)"),
];

const PARTICIPANT_GROUPS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("event", Text, "id of the event"),
    col("event_status", Text, "code of the event's status"),
    col("role", Text, "code of the group's role: participant or leader"),
    col("group", Text, "the group's key: its kind, and its sector where stated"),
    col("kind", Text, "code of the kind of participant"),
    col("sector", Text, "code of the professionals' service sector, where stated"),
    col("description", Text, "the source's own words for the group, in the language asked for"),
    qty("attendances", Integer, "attendances", "the group's attendances, where the source gives them"),
    col("attendances_exactness", Text, EXACTNESS),
    col("attendances_counted", Boolean, "whether the participant-group summary adds these attendances"),
    qty("distinct_people", Integer, "people", "the group's distinct people, where the source gives them"),
    col("distinct_people_exactness", Text, EXACTNESS),
    col("distinct_people_counted", Boolean, "whether the participant-group summary adds these people"),
];

const MILESTONES: &[Column] = &[
    col("project", Text, "id of the project"),
    col("kind", Text, "code of the kind of milestone"),
    col("date", PartialDate, "when, as precise as the source"),
    col("earliest", Date, "the first day `date` may mean"),
    col("latest", Date, "the last day `date` may mean"),
    col("expected", Boolean, "whether it was only expected when the source was written"),
    col("counties", List, "codes of the counties where it happened"),
    col("days_from_application_min", Text, "the fewest whole days from the application, as text (may be negative)"),
    col("days_from_application_max", Text, "the most whole days from the application, as text (may be negative)"),
    col("note", Text, "a note, in the language asked for"),
];

const REGIONAL_PARTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("regional_part", Text, "id of the regional part"),
    col("name", Text, "its name, in the language asked for (the sources often give none)"),
    col("kind", Text, "code of its kind: sub_project or emphasis"),
    col("counties", List, "codes of its counties"),
    col("municipalities", List, "its municipalities"),
    col("start", PartialDate, "when it started, as precise as the source"),
    col("end", PartialDate, "when it ended, as precise as the source"),
    col("implementer", Text, "id of its implementer"),
    col("implementers", List, "ids of its implementers"),
    col("sectors", List, "codes of its service sectors"),
    col("themes", List, "codes of its themes"),
    col("work_packages", List, "ids of its work packages"),
    col("objectives", List, "ids of its objectives"),
    qty("budget", EURO, "euros", "its budget in euros with cents"),
    col("budget_exactness", Text, EXACTNESS),
    col("budget_relation", Text, "code of how its budget relates to the project's"),
];

const MEASURES: &[Column] = &[
    col("project", Text, "id of the project"),
    col("measure", Text, "id of the measure"),
    col("kind", Text, "code of the kind of measure"),
    col("description", Text, "what is measured, in the language asked for"),
    qty("value", Integer, "see unit", "the value measured, in the measure's own unit"),
    col("value_exactness", Text, EXACTNESS),
    col("unit", Text, "the measure's unit, in the language asked for"),
    col("date", PartialDate, "when it was measured, as precise as the source"),
    qty("target", Integer, "see unit", "the value aimed at"),
    col("target_exactness", Text, EXACTNESS),
    qty("baseline", Integer, "see unit", "the value at the start"),
    col("baseline_exactness", Text, EXACTNESS),
    col("part_of", Text, "id of the measure it is part of"),
    col("date_earliest", Date, "the first day `date` may mean"),
    col("date_latest", Date, "the last day `date` may mean"),
    col("kind_label", Text, "the kind of measure, in the language asked for"),
];

const FUNDING_PARTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("scope", Text, "where the part is: `project` or the id of a regional part"),
    col("budget_relation", Text, "how a regional part's budget relates to the project's"),
    col("counted_in_report", Boolean, "whether the report's money tables count this row"),
    col("funder", Text, "ids of the funders, joined with `;`"),
    col("kind", Text, "code of the kind of funding (empty for the rest of a budget not broken down)"),
    qty("share", PERCENT, "percent", "the part's share of the budget, in percent"),
    qty("amount", EURO, "euros", "the amount in euros with cents, stated or computed from the share"),
    col("amount_exactness", Text, EXACTNESS),
    col(
        "amount_source",
        Text,
        "where the amount comes from: stated, share_of_total or rest_of_total (empty when unknown)",
    ),
    col("paid_by", Text, "ids of the implementers that pay it, joined with `;`"),
    col("note", Text, "a note on the part, in the language asked for"),
    col("kind_label", Text, "the kind of funding, in the language asked for"),
];

const IMPLEMENTERS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("implementer", Text, "id of the implementer"),
    col("name", Text, "its name, in the language asked for"),
    col("kind", Text, "code of the kind of organisation"),
    col("role", Text, "code of its role in the project (a row per role)"),
    col("iati_role", Integer, "the IATI organisation role code of the role"),
    col("parent", Text, "id of the implementer it belongs to"),
    col("counties", List, "codes of its counties"),
    col("business_id", Text, "its Finnish business id (Y-tunnus)"),
    col("kind_label", Text, "the kind of organisation, in the language asked for"),
    col("county_labels", List, "its counties, in the language asked for"),
];

const PROJECTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col("name", Text, "its name, in the language asked for"),
    col("status", Text, "code of its status"),
    col("start", PartialDate, "when it started, as precise as the source"),
    col("end", PartialDate, "when it ended, as precise as the source"),
    col("collaborative_area", Text, "code of its collaborative area"),
    qty("implementers", Integer, "implementers", "implementers recorded"),
    qty("work_packages", Integer, "work packages", "work packages recorded"),
    qty("objectives", Integer, "objectives", "objectives recorded"),
    qty("events_held", Integer, "events", "events held"),
    qty("attendances_low", Integer, "attendances", "attendances counted once, the low end of the range"),
    col("attendances_low_exactness", Text, EXACTNESS),
    qty("attendances_high", Integer, "attendances", "attendances counted once, the high end of the range"),
    col("attendances_high_exactness", Text, EXACTNESS),
    qty("outputs", Integer, "items", "items produced"),
    col("outputs_exactness", Text, EXACTNESS),
    qty("budget", EURO, "euros", "the budget in euros with cents, as the report counts it"),
    col("budget_exactness", Text, EXACTNESS),
    qty("budget_parts_without_amount", Integer, "parts", "funding parts with no amount"),
    qty("unjudged_objectives", Integer, "objectives", "objectives no assessment judges (empty when none are recorded)"),
    qty("state_grant_share", PERCENT, "percent", "the state grant's share of the budget, in percent"),
    col("start_earliest", Date, "the first day `start` may mean"),
    col("start_latest", Date, "the last day `start` may mean"),
    col("end_earliest", Date, "the first day `end` may mean"),
    col("end_latest", Date, "the last day `end` may mean"),
    col("collaborative_area_label", Text, "the collaborative area, in the language asked for"),
];

const PLACEMENTS: &[Column] = &[
    col("project", Text, "id of the project"),
    col(
        "dimension",
        Text,
        "the report's participation table: project, theme, event_kind, scope, county, year, quarter or work_package",
    ),
    col("group", Text, "the row of that table the event goes in (a code, a year, an id)"),
    col("group_label", Text, "the row's label, in the language asked for"),
    col("event", Text, "id of the event"),
    col("status", Text, "held, cancelled or planned"),
    qty("attendances_low", Integer, "attendances", "attendances the event adds to the row, low end"),
    col("attendances_low_exactness", Text, EXACTNESS),
    qty("attendances_high", Integer, "attendances", "attendances the event adds to the row, high end"),
    col("attendances_high_exactness", Text, EXACTNESS),
    col("remainder", Boolean, "whether the attendances are what is left of a figure once its parts are taken out"),
    qty("distinct_people", Integer, "people", "different people the event reached"),
    col("distinct_people_exactness", Text, EXACTNESS),
];

impl Table {
    /// The table's columns, in the order every format writes them.
    ///
    /// ```
    /// use childwelfare::{Language, data, export::{self, Table}};
    ///
    /// let names: Vec<&str> = Table::Outputs.columns().iter().map(|c| c.name).collect();
    /// let rows = export::rows(&data::seed()[1], Table::Outputs, Language::Fi);
    /// assert_eq!(rows[0].columns().collect::<Vec<_>>(), names);
    /// ```
    pub const fn columns(self) -> &'static [Column] {
        match self {
            Table::Events => EVENTS,
            Table::Objectives => OBJECTIVES,
            Table::Outputs => OUTPUTS,
            Table::Measures => MEASURES,
            Table::FundingParts => FUNDING_PARTS,
            Table::Implementers => IMPLEMENTERS,
            Table::Projects => PROJECTS,
            Table::Placements => PLACEMENTS,
            Table::ParticipantGroups => PARTICIPANT_GROUPS,
            Table::Milestones => MILESTONES,
            Table::RegionalParts => REGIONAL_PARTS,
        }
    }

    /// The column of that name.
    ///
    /// ```
    /// use childwelfare::export::{ColumnType, Table};
    /// assert_eq!(Table::Events.column("start").map(|c| c.kind), Some(ColumnType::PartialDate));
    /// assert!(Table::Events.column("nonsense").is_none());
    /// ```
    pub fn column(self, name: &str) -> Option<&'static Column> {
        self.columns().iter().find(|c| c.name == name)
    }

    /// What the table holds, a row of it, in English.
    ///
    /// ```
    /// use childwelfare::export::Table;
    /// assert_eq!(Table::Events.description(), "a row per event, with its participation");
    /// ```
    pub const fn description(self) -> &'static str {
        match self {
            Table::Events => "a row per event, with its participation",
            Table::Objectives => "a row per objective and judgement (an objective no assessment judges has one row)",
            Table::Outputs => "a row per output",
            Table::Measures => "a row per measure",
            Table::FundingParts => {
                "a row per funding part and per rest of a budget, as the report's money tables count it"
            }
            Table::Implementers => "a row per implementer and role",
            Table::Projects => "a row per project, with its totals",
            Table::Placements => "a row per event, participation table and group: what the event adds there",
            Table::ParticipantGroups => "a row per participant group of each event (schema 1.2)",
            Table::Milestones => "a row per milestone, with the days from the application",
            Table::RegionalParts => "a row per regional part of each project",
        }
    }
}
