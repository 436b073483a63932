-- Draft plans can be edited (issue 17: 附件3 editing): the version an editor read is sent back as If-Match, and an
-- edit of an older version is refused (412) instead of silently overwriting a colleague's edit.
ALTER TABLE inspection_plan ADD COLUMN version bigint NOT NULL DEFAULT 0;
