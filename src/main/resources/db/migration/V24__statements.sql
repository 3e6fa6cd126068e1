-- Portable SQL: runs on H2 (embedded default) and PostgreSQL (production).
-- Card and bank statements (dev.strongroom.statements; docs/statements.md). A statement is a document of the
-- retention class 'statement'; these tables hold what its validation and matching found.

-- One statement: where its processing stands and what it covers. Its id is the document's.
create table statement (
    document_id         varchar(36)   not null primary key,
    owner               varchar(64)   not null,
    file_name           varchar(255)  not null,
    uploaded_at         timestamp with time zone not null,
    state               varchar(16)   not null,
    lane                varchar(16),
    format              varchar(16),
    account             varchar(64),
    period_from         date,
    period_to           date,
    currencies          varchar(200),
    opening_balance     decimal(19,4),
    closing_balance     decimal(19,4),
    line_count          integer       not null,
    error_count         integer       not null,
    reason              varchar(2000),
    duplicate_of        varchar(36),
    validated_at        timestamp with time zone,
    matched_at          timestamp with time zone,
    report_at           timestamp with time zone,
    report_key          varchar(1000),
    report_csv_sha256   char(64),
    report_pdf_sha256   char(64),
    notified_at         timestamp with time zone,
    notification_id     varchar(200)
);
create index statement_owner_idx on statement (owner, uploaded_at);
create index statement_state_idx on statement (state, uploaded_at);
create index statement_account_idx on statement (account, period_from);

-- The rows an invalid statement was refused for (the first 1000; statement.error_count has them all).
create table statement_error (
    id                  varchar(48)   not null primary key,
    document_id         varchar(36)   not null,
    seq                 integer       not null,
    line_no             integer       not null,
    column_name         varchar(64),
    reason              varchar(1000) not null
);
create index statement_error_document_idx on statement_error (document_id, seq);

-- The lines of a valid statement; id is '<document_id>/<line_no>'.
create table statement_line (
    id                  varchar(48)   not null primary key,
    document_id         varchar(36)   not null,
    line_no             integer       not null,
    account             varchar(64)   not null,
    booked_on           date          not null,
    merchant            varchar(200)  not null,
    amount              decimal(19,4) not null,
    currency            char(3)       not null,
    balance             decimal(19,4),
    reference           varchar(100),
    match_state         varchar(16)   not null,
    match_score         integer
);
create index statement_line_document_idx on statement_line (document_id, line_no);
create index statement_line_account_idx on statement_line (account, booked_on);
create index statement_line_state_idx on statement_line (match_state, booked_on);

-- The receipt that backs a line. The key is the receipt: one receipt backs at most one line, as a
-- database guarantee; a line split across receipts has one row per receipt.
create table statement_match (
    receipt_id          varchar(36)   not null primary key,
    document_id         varchar(36)   not null,
    line_no             integer       not null,
    score               integer       not null,
    state               varchar(16)   not null,
    decided_by          varchar(64),
    decided_at          timestamp with time zone
);
create index statement_match_line_idx on statement_match (document_id, line_no);

-- Receipts offered for a line that the matcher would not settle on alone (ambiguous, or not certain enough):
-- each option is one receipt, or several that together make the line's amount.
create table statement_candidate (
    id                  varchar(36)   not null primary key,
    document_id         varchar(36)   not null,
    line_no             integer       not null,
    option_no           integer       not null,
    receipt_id          varchar(36)   not null,
    score               integer       not null
);
create index statement_candidate_line_idx on statement_candidate (document_id, line_no, option_no);
