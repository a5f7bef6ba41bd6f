import { checkCitationsFile } from '../../citations/citations-file.js';
import type { Rule } from '../rule.js';

/** CITATIONS.md is what `clinical-manifests citations` writes for the datasets the scenarios use. */
export const citationsFileRule: Rule = ({ repo }) => checkCitationsFile(repo.root, repo);
