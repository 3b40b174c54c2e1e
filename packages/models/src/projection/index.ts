export {
  readProjectionReference,
  ProjectionReferenceError,
  PROJECTION_FILES,
  PROJECTION_EDUCATION_LEVELS,
  REQUIRED_PARAMETERS,
} from './read-projection-reference.js';
