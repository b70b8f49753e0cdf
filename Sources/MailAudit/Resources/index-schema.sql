-- The schema IndexSchema.migrator makes of an empty index, written out so that a
-- new index is made in one transaction (IndexSchema+Snapshot.swift). It stands
-- for these migrations, in order:
-- migration: v1: runs, messages, locations, problems, findings
-- migration: v2-reports: masking key
-- migration: v3-incidents: recipient follow-up
-- migration: v3-imap: folder state
-- migration: v4-index: grouping links and run lookups
-- migration: v5-index: addresses once, integer exposures, checked values
-- migration: v6-console: follow-up trail
-- migration: v7-org: mailbox owners
-- migration: v8-index: rebuildable address index, no location index by file
-- migration: v9-index: severity checks without a temporary table per row
-- migration: v10-index: message keys in an index a first scan builds at its end
--
-- Do not edit by hand: IndexSchemaSnapshotTests writes it again when the
-- migrations change, and fails until it is replaced.

CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
CREATE TABLE "location" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "messageRowId" INTEGER NOT NULL REFERENCES "message"("id") ON DELETE CASCADE, "format" TEXT NOT NULL, "mailbox" TEXT NOT NULL, "file" TEXT NOT NULL, "offset" INTEGER NOT NULL, "length" INTEGER, "firstRunId" INTEGER NOT NULL REFERENCES "scanRun"("id"), "identity" TEXT NOT NULL UNIQUE, "goneInRun" INTEGER);
CREATE INDEX "location_on_mailbox" ON "location"("mailbox");
CREATE INDEX "location_on_messageRowId" ON "location"("messageRowId");
CREATE TABLE "problem" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "kind" TEXT NOT NULL, "file" TEXT NOT NULL, "offset" INTEGER NOT NULL DEFAULT -1, "field" TEXT NOT NULL DEFAULT '', "detail" TEXT NOT NULL, "firstRunId" INTEGER NOT NULL REFERENCES "scanRun"("id"), UNIQUE ("kind", "file", "offset", "field", "detail"));
CREATE TABLE "suppression" ("messageRowId" INTEGER NOT NULL REFERENCES "message"("id") ON DELETE CASCADE, "allowedGroup" TEXT NOT NULL);
CREATE TABLE "maskingKey" ("id" INTEGER PRIMARY KEY CHECK ("id" = 1), "key" BLOB NOT NULL, "createdAt" TEXT NOT NULL);
CREATE TABLE "findingLink" ("link" INTEGER NOT NULL, "messageRowId" INTEGER NOT NULL REFERENCES "finding"("messageRowId") ON DELETE CASCADE, PRIMARY KEY ("link", "messageRowId")) WITHOUT ROWID;
CREATE INDEX "findingLink_on_messageRowId" ON "findingLink"("messageRowId");
CREATE TABLE "exposure" (
  messageRowId INTEGER NOT NULL REFERENCES finding(messageRowId) ON DELETE CASCADE,
  recipientIndex INTEGER NOT NULL,
  addressId INTEGER NOT NULL REFERENCES address(id),
  exposedTo INTEGER NOT NULL CHECK (exposedTo >= 0),
  PRIMARY KEY (messageRowId, recipientIndex)) WITHOUT ROWID;
CREATE INDEX exposure_on_addressId ON exposure(addressId);
CREATE TABLE "findingFirstSeen" (
  messageKey TEXT PRIMARY KEY NOT NULL,
  runId INTEGER NOT NULL REFERENCES scanRun(id));
CREATE INDEX findingFirstSeen_on_runId ON findingFirstSeen(runId);
CREATE TABLE "incidentFirstSeen" (
  id TEXT PRIMARY KEY NOT NULL,
  runId INTEGER NOT NULL REFERENCES scanRun(id));
CREATE INDEX incidentFirstSeen_on_runId ON incidentFirstSeen(runId);
CREATE TABLE "sourceState" (
  path TEXT PRIMARY KEY NOT NULL,
  device INTEGER NOT NULL,
  inode INTEGER NOT NULL,
  size INTEGER NOT NULL,
  mtime DOUBLE NOT NULL,
  fingerprint TEXT NOT NULL,
  resumeOffset INTEGER NOT NULL CHECK (resumeOffset >= 0),
  complete BOOLEAN NOT NULL CHECK (complete IN (0, 1)),
  lastRunId INTEGER NOT NULL REFERENCES scanRun(id));
CREATE TABLE "imapFolderState" (
  account TEXT NOT NULL,
  folder TEXT NOT NULL,
  uidValidity INTEGER NOT NULL,
  highestUID INTEGER NOT NULL,
  lastRunId INTEGER NOT NULL REFERENCES scanRun(id),
  PRIMARY KEY (account, folder, uidValidity));
CREATE TABLE "followUp" (
  incidentId TEXT NOT NULL,
  address TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('asked', 'deleted', 'no-answer')),
  note TEXT,
  updatedAt TEXT NOT NULL,
  PRIMARY KEY (incidentId, address));
CREATE TABLE "analysisState" (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  internalDomains TEXT NOT NULL,
  inferred BOOLEAN NOT NULL CHECK (inferred IN (0, 1)),
  senderCounts TEXT NOT NULL,
  suffixListSource TEXT NOT NULL,
  analyzedAt TEXT NOT NULL,
  runId INTEGER REFERENCES scanRun(id),
  inputsDigest TEXT NOT NULL DEFAULT '',
  messageHighWater INTEGER NOT NULL DEFAULT 0);
CREATE TABLE "scanRun" (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  startedAt TEXT NOT NULL,
  finishedAt TEXT,
  status TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  paths TEXT NOT NULL,
  messagesSeen INTEGER NOT NULL DEFAULT 0,
  newMessages INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  alreadyIndexed INTEGER NOT NULL DEFAULT 0,
  bytesRead INTEGER NOT NULL DEFAULT 0,
  problems INTEGER NOT NULL DEFAULT 0);
CREATE TABLE "followUpTrail" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "incidentId" TEXT NOT NULL, "address" TEXT NOT NULL, "oldStatus" TEXT CHECK (("oldStatus" IS NULL) OR ("oldStatus" IN ('asked', 'deleted', 'no-answer'))), "newStatus" TEXT NOT NULL CHECK ("newStatus" IN ('asked', 'deleted', 'no-answer')), "note" TEXT, "changedBy" TEXT NOT NULL, "changedAt" TEXT NOT NULL, "source" TEXT NOT NULL CHECK ("source" IN ('cli', 'console')));
CREATE INDEX "followUpTrail_on_incidentId" ON "followUpTrail"("incidentId");
CREATE TABLE "mailboxOwner" ("mailbox" TEXT PRIMARY KEY NOT NULL, "owner" TEXT NOT NULL, "firstRunId" INTEGER REFERENCES "scanRun"("id"));
CREATE INDEX "mailboxOwner_on_owner" ON "mailboxOwner"("owner");
CREATE TABLE "address" (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL,
  party TEXT NOT NULL,
  personal BOOLEAN NOT NULL CHECK (personal IN (0, 1)));
CREATE UNIQUE INDEX address_on_address ON address(address);
CREATE TABLE "finding" (
  messageRowId INTEGER PRIMARY KEY REFERENCES message(id) ON DELETE CASCADE,
  severity TEXT NOT NULL CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high' OR severity = 'critical'),
  reply BOOLEAN NOT NULL CHECK (reply IN (0, 1)),
  visibleRecipients INTEGER NOT NULL CHECK (visibleRecipients >= 0),
  externalRecipients INTEGER NOT NULL CHECK (externalRecipients >= 0),
  parties INTEGER NOT NULL CHECK (parties >= 0),
  personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
  incidentId TEXT NOT NULL);
CREATE INDEX finding_on_incidentId ON finding(incidentId);
CREATE TABLE "incident" (
  id TEXT PRIMARY KEY NOT NULL,
  people INTEGER NOT NULL CHECK (people >= 0),
  personalCount INTEGER NOT NULL CHECK (personalCount >= 0),
  parties INTEGER NOT NULL CHECK (parties >= 0),
  messages INTEGER NOT NULL CHECK (messages >= 1),
  firstSent INTEGER,
  lastSent INTEGER,
  severity TEXT NOT NULL CHECK (severity = 'low' OR severity = 'medium' OR severity = 'high' OR severity = 'critical'));
CREATE TABLE "message" (
  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
  "key" TEXT NOT NULL,
  "messageID" TEXT,
  "headerSHA256" TEXT NOT NULL,
  "dateEpoch" INTEGER,
  "dateOffset" INTEGER,
  "sender" TEXT,
  "senderName" TEXT,
  "senderDomain" TEXT,
  "subject" TEXT,
  "inReplyTo" TEXT NOT NULL DEFAULT '',
  "referenceIDs" TEXT NOT NULL DEFAULT '',
  "recipients" TEXT NOT NULL,
  "visibleCount" INTEGER NOT NULL,
  "bccCount" INTEGER NOT NULL,
  "firstRunId" INTEGER NOT NULL REFERENCES "scanRun"("id"),
  "labels" TEXT);
CREATE UNIQUE INDEX message_on_key ON message(key);
INSERT INTO sqlite_sequence (name, seq) VALUES ('scanRun', 0);
