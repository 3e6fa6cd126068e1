-- Web interface: an admin can disable a user. A disabled user cannot sign in, and a signed-in
-- browser session of that user stops working at its next request (security.SessionIdentityProvider).
alter table vault_user add column disabled boolean default false not null;
