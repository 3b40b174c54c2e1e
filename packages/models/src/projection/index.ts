export {
  readProjectionReference,
  ProjectionReferenceError,
  PROJECTION_FILES,
  PROJECTION_EDUCATION_LEVELS,
  PROJECTION_PARAMETERS,
  describeRange,
  type ParameterRange,
} from './read-projection-reference.js';
