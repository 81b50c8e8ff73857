extension SQLiteMigrations {
  /// Migration v7: the helpdesk of HappyFox's articles. Reference rows are literals; existing
  /// tickets get the status of their old `status` text, the default priority, the first category
  /// and their `updated_at` as the last update. Frozen once shipped.
  static let v7Helpdesk = """
    ALTER TABLE asset_types ADD COLUMN enable_ticket_association INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE asset_types ADD COLUMN enable_contact_association INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE asset_types ADD COLUMN enable_asset_quantity INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE contacts ADD COLUMN phone_key TEXT;
    CREATE TABLE contact_groups (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      tagged_domains TEXT NOT NULL DEFAULT '',
      created_at REAL NOT NULL
    );
    CREATE TABLE contact_group_members (
      group_id INTEGER NOT NULL REFERENCES contact_groups(id) ON DELETE CASCADE,
      contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
      access_tickets INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (group_id, contact_id)
    );
    CREATE INDEX contact_group_members_by_contact ON contact_group_members(contact_id);
    CREATE TABLE ticket_statuses (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      color TEXT NOT NULL,
      position INTEGER NOT NULL,
      is_default INTEGER NOT NULL DEFAULT 0,
      behavior TEXT NOT NULL
    );
    INSERT INTO ticket_statuses (name, color, position, is_default, behavior) VALUES
    ('New', 'BCEDAD', 1, 1, 'pending'),
    ('Open', '0066CC', 2, 0, 'pending'),
    ('Pending', 'C409AD', 3, 0, 'pending'),
    ('Solved', '99CC00', 4, 0, 'completed'),
    ('Closed', '666666', 5, 0, 'completed');
    CREATE TABLE ticket_priorities (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      position INTEGER NOT NULL,
      is_default INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO ticket_priorities (name, position, is_default) VALUES
    ('Low', 1, 0), ('Medium', 2, 1), ('High', 3, 0), ('Critical', 4, 0);
    CREATE TABLE ticket_categories (
      id INTEGER PRIMARY KEY,
      name TEXT NOT NULL UNIQUE COLLATE NOCASE,
      description TEXT NOT NULL DEFAULT '',
      prefix TEXT NOT NULL,
      is_public INTEGER NOT NULL DEFAULT 1,
      created_at REAL NOT NULL
    );
    INSERT INTO ticket_categories (name, description, prefix, is_public, created_at) VALUES
    ('General', 'Every ticket until you add categories of your own.', 'GEN', 1, (julianday('now') - 2440587.5) * 86400.0);
    ALTER TABLE tickets ADD COLUMN status_id INTEGER REFERENCES ticket_statuses(id);
    ALTER TABLE tickets ADD COLUMN priority_id INTEGER REFERENCES ticket_priorities(id);
    ALTER TABLE tickets ADD COLUMN category_id INTEGER REFERENCES ticket_categories(id);
    ALTER TABLE tickets ADD COLUMN assignee_id INTEGER REFERENCES agents(id) ON DELETE SET NULL;
    ALTER TABLE tickets ADD COLUMN search_key TEXT;
    ALTER TABLE tickets ADD COLUMN last_updated_at REAL;
    ALTER TABLE tickets ADD COLUMN last_staff_reply_at REAL;
    ALTER TABLE tickets ADD COLUMN last_user_reply_at REAL;
    ALTER TABLE tickets ADD COLUMN last_closed_at REAL;
    ALTER TABLE tickets ADD COLUMN due_date TEXT;
    ALTER TABLE tickets ADD COLUMN time_spent INTEGER NOT NULL DEFAULT 0;
    UPDATE tickets SET
      status_id = COALESCE(
        (SELECT id FROM ticket_statuses WHERE lower(ticket_statuses.name) = lower(tickets.status)),
        (SELECT id FROM ticket_statuses WHERE is_default = 1)),
      priority_id = (SELECT id FROM ticket_priorities WHERE is_default = 1),
      category_id = (SELECT MIN(id) FROM ticket_categories),
      last_updated_at = updated_at;
    CREATE INDEX tickets_by_last_update ON tickets(last_updated_at, id);
    CREATE INDEX tickets_by_status ON tickets(status_id);
    CREATE INDEX tickets_by_assignee ON tickets(assignee_id);
    CREATE TABLE ticket_tags (
      ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      tag TEXT NOT NULL,
      position INTEGER NOT NULL,
      PRIMARY KEY (ticket_id, tag)
    );
    CREATE INDEX ticket_tags_by_tag ON ticket_tags(tag);
    CREATE TABLE ticket_updates (
      id INTEGER PRIMARY KEY,
      ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      kind TEXT NOT NULL,
      by_agent_id INTEGER REFERENCES agents(id) ON DELETE SET NULL,
      by_contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
      created_at REAL NOT NULL,
      message_text TEXT,
      message_html TEXT,
      is_private INTEGER NOT NULL DEFAULT 0,
      changes TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX ticket_updates_by_ticket ON ticket_updates(ticket_id, id);
    """
}
