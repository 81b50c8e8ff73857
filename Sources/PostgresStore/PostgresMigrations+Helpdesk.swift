extension PostgresMigrations {
  /// Migration v7: the helpdesk of HappyFox's articles, as SQLite's v7 (same tables, columns
  /// and reference rows). Frozen once shipped.
  static let v7Helpdesk = [
    "ALTER TABLE asset_types ADD COLUMN enable_ticket_association BOOLEAN NOT NULL DEFAULT TRUE",
    "ALTER TABLE asset_types ADD COLUMN enable_contact_association BOOLEAN NOT NULL DEFAULT TRUE",
    "ALTER TABLE asset_types ADD COLUMN enable_asset_quantity BOOLEAN NOT NULL DEFAULT FALSE",
    "ALTER TABLE contacts ADD COLUMN phone_key TEXT",
    """
    CREATE TABLE contact_groups (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      tagged_domains TEXT NOT NULL DEFAULT '',
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX contact_groups_name_key ON contact_groups (lower(name))",
    """
    CREATE TABLE contact_group_members (
      group_id BIGINT NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
      contact_id BIGINT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      access_tickets BOOLEAN NOT NULL DEFAULT FALSE,
      PRIMARY KEY (group_id, contact_id)
    )
    """,
    "CREATE INDEX contact_group_members_by_contact ON contact_group_members (contact_id)",
    """
    CREATE TABLE ticket_statuses (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      color TEXT NOT NULL,
      position BIGINT NOT NULL,
      is_default BOOLEAN NOT NULL DEFAULT FALSE,
      behavior TEXT NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX ticket_statuses_name_key ON ticket_statuses (lower(name))",
    """
    INSERT INTO ticket_statuses (name, color, position, is_default, behavior) VALUES
    ('New', 'BCEDAD', 1, TRUE, 'pending'),
    ('Open', '0066CC', 2, FALSE, 'pending'),
    ('Pending', 'C409AD', 3, FALSE, 'pending'),
    ('Solved', '99CC00', 4, FALSE, 'completed'),
    ('Closed', '666666', 5, FALSE, 'completed')
    """,
    """
    CREATE TABLE ticket_priorities (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      position BIGINT NOT NULL,
      is_default BOOLEAN NOT NULL DEFAULT FALSE
    )
    """,
    "CREATE UNIQUE INDEX ticket_priorities_name_key ON ticket_priorities (lower(name))",
    """
    INSERT INTO ticket_priorities (name, position, is_default) VALUES
    ('Low', 1, FALSE), ('Medium', 2, TRUE), ('High', 3, FALSE), ('Critical', 4, FALSE)
    """,
    """
    CREATE TABLE ticket_categories (
      id BIGSERIAL PRIMARY KEY,
      name TEXT NOT NULL,
      description TEXT NOT NULL DEFAULT '',
      prefix TEXT NOT NULL,
      is_public BOOLEAN NOT NULL DEFAULT TRUE,
      created_at DOUBLE PRECISION NOT NULL
    )
    """,
    "CREATE UNIQUE INDEX ticket_categories_name_key ON ticket_categories (lower(name))",
    """
    INSERT INTO ticket_categories (name, description, prefix, is_public, created_at) VALUES
    ('General', 'Every ticket until you add categories of your own.', 'GEN', TRUE, date_part('epoch', clock_timestamp()))
    """,
    "ALTER TABLE tickets ADD COLUMN status_id BIGINT REFERENCES ticket_statuses(id)",
    "ALTER TABLE tickets ADD COLUMN priority_id BIGINT REFERENCES ticket_priorities(id)",
    "ALTER TABLE tickets ADD COLUMN category_id BIGINT REFERENCES ticket_categories(id)",
    "ALTER TABLE tickets ADD COLUMN assignee_id BIGINT REFERENCES agents(id) ON DELETE SET NULL",
    #"ALTER TABLE tickets ADD COLUMN search_key TEXT COLLATE "C""#,
    "ALTER TABLE tickets ADD COLUMN last_updated_at DOUBLE PRECISION",
    "ALTER TABLE tickets ADD COLUMN last_staff_reply_at DOUBLE PRECISION",
    "ALTER TABLE tickets ADD COLUMN last_user_reply_at DOUBLE PRECISION",
    "ALTER TABLE tickets ADD COLUMN last_closed_at DOUBLE PRECISION",
    "ALTER TABLE tickets ADD COLUMN due_date TEXT",
    "ALTER TABLE tickets ADD COLUMN time_spent BIGINT NOT NULL DEFAULT 0",
    """
    UPDATE tickets SET
      status_id = COALESCE(
        (SELECT id FROM ticket_statuses WHERE lower(ticket_statuses.name) = lower(tickets.status)),
        (SELECT id FROM ticket_statuses WHERE is_default)),
      priority_id = (SELECT id FROM ticket_priorities WHERE is_default),
      category_id = (SELECT MIN(id) FROM ticket_categories),
      last_updated_at = updated_at
    """,
    "CREATE INDEX tickets_by_last_update ON tickets (last_updated_at, id)",
    "CREATE INDEX tickets_by_status ON tickets (status_id)",
    "CREATE INDEX tickets_by_assignee ON tickets (assignee_id)",
    """
    CREATE TABLE ticket_tags (
      ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      position BIGINT NOT NULL,
      PRIMARY KEY (ticket_id, tag)
    )
    """,
    "CREATE INDEX ticket_tags_by_tag ON ticket_tags (tag)",
    """
    CREATE TABLE ticket_updates (
      id BIGSERIAL PRIMARY KEY,
      ticket_id BIGINT NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      by_agent_id BIGINT REFERENCES agents(id) ON DELETE SET NULL,
      by_contact_id BIGINT REFERENCES contacts(id) ON DELETE SET NULL,
      created_at DOUBLE PRECISION NOT NULL,
      message_text TEXT,
      message_html TEXT,
      is_private BOOLEAN NOT NULL DEFAULT FALSE,
      changes TEXT NOT NULL DEFAULT '{}'
    )
    """,
    "CREATE INDEX ticket_updates_by_ticket ON ticket_updates (ticket_id, id)",
  ]
}
