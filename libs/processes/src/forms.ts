import { ENGINE_FORMS, FormRegistry } from '../../domain/src';
import { HEFEI_FORMS } from './hefei/forms';
import { LIANGSHAN_FORMS } from './liangshan/forms';
import { TAIAN_FORMS } from './taian/forms';
import { WUJIN_FORMS } from './wujin/forms';
import { ZIBO_FORMS } from './zibo/forms';

/**
 * The forms index: the engine's form kinds and every process's, in one
 * registry. Pure, so the humanTask workflow checks answers with it; each
 * process's definition lists the same kinds (`forms`), and a unit test keeps
 * the two in step.
 */
export const TASK_FORMS = new FormRegistry([...ENGINE_FORMS, ...TAIAN_FORMS, ...HEFEI_FORMS, ...WUJIN_FORMS, ...ZIBO_FORMS, ...LIANGSHAN_FORMS]);
