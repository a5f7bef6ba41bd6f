/** Twenty pull requests a maintainer would merge without a second look: the checks must find nothing new. */
import type { OrdinaryPr } from './attempt.js';

export function ordinaryPullRequests(): OrdinaryPr[] {
  return [
    {
      id: 'ordinary/scenario-title',
      async build(repo) {
        await repo.editJson('scenarios/scenario_001.json', (v) => {
          v.title = 'Forearm radiograph, lateral view';
        });
        await repo.commit('scenario 001: clearer title');
      },
    },
  ];
}
