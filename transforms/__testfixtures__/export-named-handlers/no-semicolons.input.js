const express = require('express')

const app = express()

function hello (req, res) {
  res.send('hello')
}

app.get('/', hello)

module.exports = app
