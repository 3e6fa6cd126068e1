-- Web interface (issue 25): a document's description can be edited after upload (tags already live in
-- document_tag), and each user can save the document list's filters as named views.
create table saved_view (
    id varchar(36) primary key,
    owner varchar(64) not null,
    name varchar(80) not null,
    query varchar(2000) not null,
    created_at timestamp with time zone not null,
    constraint saved_view_owner_name unique (owner, name)
);
