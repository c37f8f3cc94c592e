import { answerNote, buildFolderAnswers } from '../shared/folder-answers';
import { PersonGroups } from './PersonGroups';
import { FolderRunTitle } from './FolderRunTitle';
import { FolderClipButton } from './FolderClipButton';
import { useAppStore } from './store-context';

/**
 * A folder of videos without labels: each clip's answer alone and, once the folder is done,
 * calibrated to the person its face was grouped with. Nothing is scored (there is nothing to score
 * against); Export gives the table as CSV and JSON.
 */
export function FolderAnswers() {
  const ev = useAppStore((s) => s.evaluation);
  const { clips, groups } = buildFolderAnswers(ev.answers, ev.calibratedAnswers, ev.groups);
  const calibrated = ev.calibratedAnswers.length > 0;
  const failed = clips.filter((c) => c.failure !== null).length;
  return (
    <section className="panel" data-testid="folder-answers" data-phase={ev.phase} data-done={ev.done} data-total={ev.total}>
      <div className="panel-head">
        <FolderRunTitle title="Folder answers" />
      </div>
      <progress max={Math.max(1, ev.total)} value={ev.done} aria-label="clips answered" />
      <p className="muted small" data-testid="answers-why">
        No labels.csv and no folder named by an emotion: each clip is answered, nothing is scored. To score them, add a labels.csv
        (&quot;file,label&quot;) or put each clip in a folder named by its emotion.
      </p>
      {calibrated && <PersonGroups groups={groups} clips={clips.length} />}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th>clip</th>
              <th>emolens, alone</th>
              <th>calibrated to the person</th>
              <th>person</th>
              <th>note</th>
            </tr>
          </thead>
          <tbody>
            {clips.map((c) => (
              <tr
                key={c.file}
                data-testid="answer-row"
                data-file={c.file}
                data-answer={c.answer ?? ''}
                data-calibrated={c.calibrated ?? ''}
                data-person={c.person ?? ''}
              >
                <td>
                  <FolderClipButton file={c.file} />
                </td>
                <td>{c.answer ?? '—'}</td>
                <td>{calibrated ? (c.calibrated ?? '—') : '…'}</td>
                <td>{c.person ?? '—'}</td>
                <td>{answerNote(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {failed > 0 && (
        <p className="muted" data-testid="answers-failed" data-count={failed}>
          {failed === 1 ? '1 clip' : `${failed} clips`} without an answer: the note says why.
        </p>
      )}
    </section>
  );
}
