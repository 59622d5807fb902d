'use strict';

const Router = require('koa-router');
const recipes = require('../controllers/recipes');
const auth = require('../lib/auth');

const router = new Router();
router.prefix('/recipes');

router.param('id', recipes.load);

router
  .get('recipes', '/', recipes.list)
  .post('/', auth.requireApiKey, recipes.create);
router.get('recipe', '/:id', recipes.show);
router.put('/:id', auth.requireApiKey, recipes.replace);
router.del('/:id', auth.requireApiKey, recipes.remove);
router.get('/:id/nutrition', recipes.nutrition);

module.exports = router;
