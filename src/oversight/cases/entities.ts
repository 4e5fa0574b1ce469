import { ReviewCaseSchema } from './ReviewCase.js';
import { ReviewCaseEventSchema } from './ReviewCaseEvent.js';

export const reviewCaseEntities = [ReviewCaseSchema, ReviewCaseEventSchema];
