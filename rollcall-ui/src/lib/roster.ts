// The roster browser's pure logic: which collections it browses, and how a record's provenance and
// references are shown.

export const ROSTER_ENTITIES = [
  { collection: "users", label: "Users" },
  { collection: "classes", label: "Classes" },
  { collection: "enrollments", label: "Enrollments" },
  { collection: "orgs", label: "Orgs" },
  { collection: "courses", label: "Courses" },
  { collection: "academicSessions", label: "Academic sessions" },
] as const;

export type RosterCollection = (typeof ROSTER_ENTITIES)[number]["collection"];

export function isRosterCollection(value: string): value is RosterCollection {
  return ROSTER_ENTITIES.some((entity) => entity.collection === value);
}

/** OneRoster reference types (a GUIDRef's {@code type}) and the collection each lives in. */
const REFERENCE_COLLECTIONS: Record<string, RosterCollection> = {
  user: "users",
  student: "users",
  teacher: "users",
  guardian: "users",
  parent: "users",
  class: "classes",
  course: "courses",
  org: "orgs",
  school: "orgs",
  district: "orgs",
  academicSession: "academicSessions",
  term: "academicSessions",
  gradingPeriod: "academicSessions",
  enrollment: "enrollments",
};

export interface Reference {
  /** Where in the record, e.g. {@code class} or {@code terms[0]}. */
  path: string;
  collection: RosterCollection;
  id: string;
}

/** Every GUIDRef in a record (nested in lists and objects) that points at a browsable collection. */
export function referencesOf(record: unknown, path = ""): Reference[] {
  if (Array.isArray(record)) return record.flatMap((item, index) => referencesOf(item, `${path}[${index}]`));
  if (!record || typeof record !== "object") return [];
  const object = record as Record<string, unknown>;
  const found: Reference[] = [];
  if (path && typeof object.sourcedId === "string" && typeof object.type === "string" && REFERENCE_COLLECTIONS[object.type]) {
    found.push({ path, collection: REFERENCE_COLLECTIONS[object.type]!, id: object.sourcedId });
  }
  for (const [key, value] of Object.entries(object)) {
    if (value && typeof value === "object") found.push(...referencesOf(value, path ? `${path}.${key}` : key));
  }
  return found;
}

export interface ProvenanceRow {
  field: string;
  /** The rest of what the engine recorded for the field (integration, when, policy...). */
  details: Record<string, unknown>;
}

/**
 * The provenance column as rows, one per field, sorted by field. The engine writes an object keyed
 * by field; a value that is not an object is shown as {@code value}.
 */
export function provenanceRows(provenance: unknown): ProvenanceRow[] {
  if (!provenance || typeof provenance !== "object" || Array.isArray(provenance)) return [];
  return Object.entries(provenance as Record<string, unknown>)
    .map(([field, value]) => ({
      field,
      details: value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : { value },
    }))
    .sort((a, b) => a.field.localeCompare(b.field));
}
