/**
 * npm run lint:imports — checks the import rules in .dependency-cruiser.cjs over src/ and exits
 * non-zero on any violation, listing each. Calls dependency-cruiser's API because its CLI refuses
 * to start on Node 20 (it asks for ≥ 22), which this project still supports; the API runs there.
 */
import { cruise } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const options = await extractDepcruiseOptions('./.dependency-cruiser.cjs');
const result = await cruise(['src'], { ...options, validate: true, outputType: 'err' }, {}, { tsConfig: extractTSConfig('./tsconfig.json') });
process.stdout.write(result.output);
process.exitCode = result.exitCode === 0 ? 0 : 1;
