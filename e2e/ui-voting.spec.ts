/** The voting sliders re-run FaceVoting from stored results and can change the main track. */
import { expect, openApp, test } from './fixtures';
import { analyseFile, bigFaceLeavesEarly, snap } from './ui-helpers';

interface Row {
  id: number;
  winner: boolean;
  wFreq: number;
  wSize: number;
  wProb: number;
}

test('moving the voting sliders makes the other face win, from stored results', async ({ page, watch }, testInfo) => {
  await openApp(page, '?backend=wasm&fps=5');
  await analyseFile(page, bigFaceLeavesEarly());
  const rows = page.locator('[data-testid=vote-inspector] tbody tr');
  await expect(rows).toHaveCount(2);
  const read = () =>
    rows.evaluateAll((trs) =>
      trs.map((tr) => {
        const d = (tr as HTMLElement).dataset;
        return { id: Number(d.trackId), winner: d.winner === 'true', wFreq: Number(d.wFreq), wSize: Number(d.wSize), wProb: Number(d.wProb) };
      }),
    );
  const before: Row[] = await read();
  const main = before.find((r) => r.winner)!;
  const other = before.find((r) => !r.winner)!;
  testInfo.annotations.push({ type: 'votes', description: JSON.stringify(before) });
  console.log('votes at default weights', JSON.stringify(before));
  await snap(page, testInfo, 'two-faces-default');
  const frames = Number(await page.getByTestId('progress').getAttribute('data-frames'));
  // This composite has no sound: no speech model, and the panel says why the answer is the faces' alone.
  await expect(page.getByTestId('result-warning')).toContainText('the video has no audio track');
  await expect(page.getByTestId('predictions').locator('[data-model=speech]')).toHaveCount(0);

  // Which weight can make the runner-up win is read from the data, not guessed: the term where it is
  // furthest ahead of the winner goes to the top of its slider and the other two go to 0. (The big face
  // is always ahead on size; the small one, on screen longer, on frequency.)
  const terms = [
    { slider: 'slider-cFreq', lead: other.wFreq - main.wFreq },
    { slider: 'slider-cSize', lead: other.wSize - main.wSize },
    { slider: 'slider-cProb', lead: other.wProb - main.wProb },
  ].sort((a, b) => b.lead - a.lead);
  expect(terms[0]!.lead, 'no term favours the runner-up').toBeGreaterThan(0);
  for (const t of terms.slice(1)) await page.getByTestId(t.slider).fill('0');
  await page.getByTestId(terms[0]!.slider).fill('5');
  await expect(page.locator(`[data-testid=vote-inspector] tr[data-track-id="${other.id}"]`)).toHaveAttribute('data-winner', 'true');
  // Nothing was decoded again.
  await expect(page.getByTestId('progress')).toHaveAttribute('data-frames', String(frames));
  await expect(page.getByTestId('pyramid-view')).toHaveAttribute('data-track-id', String(other.id));
  await snap(page, testInfo, 'two-faces-runner-up-wins');

  // Back to the defaults: the first winner wins again.
  await page.getByTestId('slider-cSize').fill('1');
  await page.getByTestId('slider-cFreq').fill('1');
  await page.getByTestId('slider-cProb').fill('1');
  await expect(page.locator(`[data-testid=vote-inspector] tr[data-track-id="${main.id}"]`)).toHaveAttribute('data-winner', 'true');

  // The size slider alone: at each setting the winner is the track eq. 12 picks from the shown weights.
  for (const cSize of [0, 5, 1]) {
    await page.getByTestId('slider-cSize').fill(String(cSize));
    const total = (r: Row) => r.wFreq + cSize * r.wSize + r.wProb;
    const expected = [...before].sort((a, b) => total(b) - total(a))[0]!;
    await expect(page.locator(`[data-testid=vote-inspector] tr[data-track-id="${expected.id}"]`)).toHaveAttribute('data-winner', 'true');
  }
  expect(watch.consoleErrors).toEqual([]);
});
